/**
 * The {@code rtsp-pull} live source: Rill as an RTSP client of an upstream (a camera, another
 * server), relaying its JPEG video to Rill's own viewers.
 * <ul>
 *   <li>{@link dev.rill.plugin.rtsppull.RtspPullProvider}: the provider, keyed {@code "rtsp-pull"};
 *       {@code RtspPullConfig} its config;</li>
 *   <li>{@code RtspPull}: the source; one supervising thread connects, keeps the session alive and
 *       reconnects with backoff;</li>
 *   <li>{@code UpstreamSession}: one connection: OPTIONS, DESCRIBE, SETUP, PLAY, keep-alives,
 *       receiver reports, TEARDOWN; {@code Authenticator} answers 401s (Basic, Digest);</li>
 *   <li>{@code StreamReceiver}: one session's packets, through the depayloader to
 *       {@code FrameDelivery}, which stamps frames ({@code dev.rill.wire.FrameTimes}: RTP timestamps to rising
 *       frame times) and hands them to the sink; {@code ReceptionStats}: what receiver reports
 *       say (RFC 3550 §6.4, A.3, A.8).</li>
 * </ul>
 */
package dev.rill.plugin.rtsppull;
