/**
 * The RTSP/RTP protocol library shared by the server, the player, the bench and the tests; no
 * plugin compiles against it.
 *
 * <ul>
 *   <li>The incremental {@link dev.rill.wire.RtspDecoder} with its
 *       {@link dev.rill.wire.RtspLimits} (requests, responses, {@code $} frames; the course's
 *       requests without a blank line).</li>
 *   <li>Typed headers, each with {@code parse} and {@code format}: {@link dev.rill.wire.Transport}
 *       (with {@link dev.rill.wire.PortRange}), {@link dev.rill.wire.NptRange},
 *       {@link dev.rill.wire.SessionHeader}, {@link dev.rill.wire.RtpInfo}.</li>
 *   <li>RTCP (RFC 3550 §6): {@link dev.rill.wire.RtcpPacket}.</li>
 *   <li>The one RTSP client, {@link dev.rill.wire.RtspClient} (requests matched by CSeq, bounded
 *       waits, interleaved frames, the course's request forms of {@link dev.rill.wire.RequestStyle}),
 *       configured by {@link dev.rill.wire.RtspClientOptions}.</li>
 *   <li>{@link dev.rill.wire.UserInfo}: a URL's password hidden wherever a URL is shown.</li>
 * </ul>
 */
package dev.rill.wire;
