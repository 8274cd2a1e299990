/**
 * HTTP MJPEG: a live source of the JPEGs a camera (an ESP32-CAM, most IP cameras, ffmpeg's
 * {@code mpjpeg}) serves as {@code multipart/x-mixed-replace} over HTTP/1.x.
 *
 * <ul>
 *   <li>{@link dev.rill.plugin.httpmjpeg.HttpMjpegProvider} ({@code "type": "http-mjpeg"}) opens an
 *       {@code HttpMjpegSource} from an {@link dev.rill.plugin.httpmjpeg.HttpMjpegConfig}.</li>
 *   <li>{@code HttpMjpegSource} owns the connection: when it is wanted (always, or on demand with a
 *       linger), its reader thread, reconnection with backoff, frame times, state and counters.</li>
 *   <li>{@code UpstreamUrl} takes the URL apart: host, target, Basic credentials, and the redacted
 *       form every log line uses.</li>
 *   <li>{@code UpstreamRequest} sends the GET on a plain socket and reads the response head;
 *       {@code ChunkedInputStream} de-chunks the body.</li>
 *   <li>{@code MultipartReader} cuts the body into parts, each bounded; {@code Jpeg} checks that a
 *       part is SOI...EOI and reads its size from SOF.</li>
 * </ul>
 */
package dev.rill.plugin.httpmjpeg;
