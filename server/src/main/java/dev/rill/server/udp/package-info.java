/**
 * How RTP over UDP leaves the server: the send paths of {@code rtp.sendPath}.
 *
 * <ul>
 *   <li>{@link dev.rill.server.udp.RtpSocket}: one sender's socket on the RTP port; frames are
 *       queued with their session's headers and leave at the latest at {@code flush()}, which
 *       reports the frames a destination refused.</li>
 *   <li>{@link dev.rill.server.udp.RtpSockets} chooses the path once at start-up from the
 *       {@link dev.rill.server.udp.SendPath} asked for and what the JVM and kernel offer, logs it
 *       once, and makes the sockets.</li>
 *   <li>{@code PortableRtpSocket}: {@code DatagramChannel.send} per packet, any JVM.</li>
 *   <li>{@code NativeUdp}: the entry of the Linux path, implemented by {@code LinuxUdp} in
 *       {@code src/main/java22} (the jar's {@code META-INF/versions/22}, compiled for release 22
 *       where {@code java.lang.foreign} is final), loaded by name only on Java 22+:
 *       {@code NativeRtpSocket} lays a batch out as {@code struct mmsghdr}s for
 *       {@code sendmmsg(2)}, each frame one message with a {@code UDP_SEGMENT} control message
 *       (runs of equal-size packets), {@code Libc} holds the downcalls.</li>
 *   <li>{@code FullBuffer}: the bounded wait for room in a full send buffer, then drop.</li>
 * </ul>
 */
package dev.rill.server.udp;
