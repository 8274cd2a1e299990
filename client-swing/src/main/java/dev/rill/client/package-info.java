/**
 * Rill's reference player: a Swing window (Play, Pause, Stop; statistics; the RTSP exchange) and
 * a headless mode for scripts and tests, both on one pipeline.
 *
 * <ul>
 *   <li>Control: {@link dev.rill.client.Player} (state machine on one worker thread) →
 *       {@code MediaConnection} → {@code Dialogue} (standard RFC 2326, or the course's classic
 *       dialect) → rill-wire's {@code RtspClient} (one TCP connection, responses by CSeq, interleaved frames).</li>
 *   <li>Media: {@code UdpPorts} or interleaved frames → {@code StreamReceiver} → depayloader
 *       (RFC 2435 or whole-frame, from rill-plugin-mjpeg via ServiceLoader) → {@code Playout}
 *       with its {@code JitterBuffer} (shown at RTP time, late frames dropped) → {@code FrameSink}
 *       ({@code VideoPanel} or {@code FrameFiles}).</li>
 *   <li>Statistics: {@code ReceptionStats} (RFC 3550 A.1, A.3, A.8) → {@code Statistics} for the
 *       panel and the JSON, and {@code ReceiverReports} (RTCP RR + SDES, BYE) to the server.</li>
 *   <li>Entry: {@link dev.rill.client.Main}; {@code Options} and {@code Target} read the command line.</li>
 * </ul>
 *
 * <p>Threads: the event thread only paints and queues commands; RTSP requests run on the
 * player's worker; packets are read on virtual threads; every wait has a bound.
 */
package dev.rill.client;
