/**
 * Interleaved media on a plain RTSP connection sent straight from the sender's thread: a
 * non-blocking {@code send(2)} on the connection's own duplicate of the socket, taken only when
 * nothing is queued before it. On Linux with Java 22+ (java.lang.foreign, in the jar's
 * {@code META-INF/versions/22}); elsewhere, or with {@code rtp.sendPath} "portable", every frame
 * goes through the connection's writer thread as before.
 */
package dev.rill.server.tcp;
