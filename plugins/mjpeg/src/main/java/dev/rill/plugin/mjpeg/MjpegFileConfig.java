package dev.rill.plugin.mjpeg;

import java.util.OptionalDouble;

/**
 * The config of an {@code "mjpeg-file"} mount's source, e.g.
 * {@code {"type": "mjpeg-file", "file": "media/movie.Mjpeg", "fps": 20, "loop": true}}.
 *
 * <p>The components are boxed so that the server's JSON binding can leave optional keys out:
 * a missing key arrives as {@code null}. The compact constructor replaces a missing {@code loop}
 * and {@code maxFileBytes} by their defaults, so those accessors never return {@code null}; a
 * missing {@code fps} stays {@code null}, because its default (the server's) is known only when
 * the source opens: read it through {@link #frameRate()}.
 *
 * @param file         the {@code .Mjpeg} file; a relative path resolves against the
 *                     {@link dev.rill.spi.SourceContext#baseDirectory() config's directory}; required
 * @param fps          frames per second, in (0, 240]; optional, default the server's frame rate
 * @param loop         whether playback starts again at frame 0 after the last frame; default false
 * @param maxFileBytes larger files are refused; default 1 GiB (1073741824), at most 1 TiB (1099511627776)
 */
public record MjpegFileConfig(String file, Double fps, Boolean loop, Long maxFileBytes) {

    /** The highest {@code fps} accepted. */
    public static final double MAX_FPS = 240;

    public MjpegFileConfig {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file must name a .Mjpeg file: " + (file == null ? "missing" : "'" + file + "'"));
        }
        checkFps(fps);
        loop = loop != null && loop;
        if (maxFileBytes == null) {
            maxFileBytes = MjpegIndex.DEFAULT_MAX_FILE_BYTES;
        } else if (maxFileBytes < 1 || maxFileBytes > MjpegIndex.MAX_SUPPORTED_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be in [1, " + MjpegIndex.MAX_SUPPORTED_FILE_BYTES
                    + "]: " + maxFileBytes);
        }
    }

    /** {@code fps} if the config gave it. */
    public OptionalDouble frameRate() {
        return fps == null ? OptionalDouble.empty() : OptionalDouble.of(fps);
    }

    static void checkFps(Double fps) {
        // !(x > 0) also refuses NaN.
        if (fps != null && !(fps > 0 && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("fps must be in (0, " + (int) MAX_FPS + "]: " + fps);
        }
    }
}
