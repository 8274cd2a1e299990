/**
 * The only contract plugins compile against: the extension points and the values they exchange.
 *
 * <ul>
 *   <li>Messages: {@link dev.rill.spi.RtspRequest}, {@link dev.rill.spi.RtspResponse} and
 *       {@link dev.rill.spi.RtspHeaders}, what a method handler reads and returns;
 *       {@link dev.rill.spi.RtpPacket} and {@link dev.rill.spi.InterleavedFrame}, what a
 *       depayloader is fed. Their codec lives in {@code dev.rill.wire}, which no plugin needs.</li>
 *   <li>Media: {@link dev.rill.spi.MediaSourceProvider} makes a {@link dev.rill.spi.MediaSource}
 *       of shared {@link dev.rill.spi.Frame}s.</li>
 *   <li>Payload formats: {@link dev.rill.spi.RtpPayloadFormat} pairs a
 *       {@link dev.rill.spi.Payloader} with a {@link dev.rill.spi.Depayloader}.</li>
 *   <li>Methods: {@link dev.rill.spi.RtspMethodHandler} answers one RTSP method.</li>
 *   <li>Listeners and tools: {@link dev.rill.spi.SessionListenerProvider},
 *       {@link dev.rill.spi.CommandLineTool}. A listener is offered a
 *       {@link dev.rill.spi.ListenerContext}: the RTSP sessions ({@link dev.rill.spi.SessionInfo}), the
 *       configured mounts ({@link dev.rill.spi.MountInfo}, with the {@link dev.rill.spi.LiveStatus} a
 *       {@link dev.rill.spi.LiveSource} reports) and the HTTP viewers
 *       ({@link dev.rill.spi.HttpViewers} of {@link dev.rill.spi.HttpViewerInfo}).</li>
 *   <li>HTTP: {@link dev.rill.spi.HttpRouteProvider} answers a path prefix of the server's one HTTP
 *       listener with an {@link dev.rill.spi.HttpRoute}, which sees an {@link dev.rill.spi.HttpCall}
 *       (method, path, query, peer; respond whole or stream) and never the HTTP server's own
 *       types.</li>
 * </ul>
 *
 * Every extension point is found with {@link java.util.ServiceLoader}.
 */
package dev.rill.spi;
