package dev.rill.spi;

/**
 * A media source served under a URL path.
 *
 * @param path   the URL path, starting with {@code /}, e.g. {@code /movie.Mjpeg}
 * @param source the source, shared by every session of the mount
 * @param format the payload format standard sessions of the mount use
 */
public record Mount(String path, MediaSource source, RtpPayloadFormat format) {
    public Mount {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("mount path must start with '/': " + path);
        }
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(format, "format");
    }
}
