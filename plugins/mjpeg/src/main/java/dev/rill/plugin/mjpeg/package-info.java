/**
 * MJPEG for Rill: stored JPEG clips and the payload formats that carry JPEG over RTP.
 *
 * <ul>
 *   <li>The {@code .Mjpeg} source: the course's container ({@code [5 ASCII digits: length][one
 *       JPEG]}, repeated), indexed once ({@code MjpegIndex}) and read a frame at a time, served as the
 *       {@code "mjpeg-file"} type and for {@code .Mjpeg}/{@code .mjpg} files in the media
 *       directory ({@link dev.rill.plugin.mjpeg.MjpegFileProvider}).</li>
 *   <li>The sample clip: rendered with Java2D and ImageIO at build time into this jar
 *       ({@link dev.rill.plugin.mjpeg.SampleClip}) and served as the {@code "mjpeg-sample"}
 *       type ({@link dev.rill.plugin.mjpeg.SampleClipProvider}).</li>
 *   <li>The classic payload format, {@code "JPEG-classic"}: one whole JPEG per datagram, as the
 *       course's client expects ({@link dev.rill.plugin.mjpeg.ClassicJpegFormat}).</li>
 *   <li>The standard payload format, RFC 2435, and the JPEG normalisation it needs.</li>
 *   <li>Two command-line tools: {@code check} reports what a {@code .Mjpeg} file holds and which
 *       players can take it ({@link dev.rill.plugin.mjpeg.CheckTool}); {@code pack} builds one
 *       from a directory of JPEG files ({@link dev.rill.plugin.mjpeg.PackTool}).</li>
 * </ul>
 *
 * <p>Providers, formats and tools are public for {@link java.util.ServiceLoader}; everything else is
 * package-private.
 */
package dev.rill.plugin.mjpeg;
