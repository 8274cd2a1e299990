package dev.rill.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes {@link MediaSource}s of one type. Found with {@link java.util.ServiceLoader}; keyed by
 * {@link #type()}, which a mount's {@code "source": {"type": ...}} names in the config file.
 *
 * @param <C> the record the rest of the mount's {@code "source"} object is bound to
 */
public interface MediaSourceProvider<C extends Record> {

    /** The config's {@code "type"}, e.g. {@code "mjpeg-file"}. */
    String type();

    /** The record type of this provider's config; the server binds and validates it. */
    Class<C> configType();

    /**
     * Opens a source for a mount.
     *
     * @throws IOException               the media cannot be read (logged; the mount is refused)
     * @throws IllegalArgumentException  the config is not usable, with a message naming the key
     */
    MediaSource open(C config, SourceContext context) throws IOException;

    /**
     * File name endings (with the dot, compared without regard to case, e.g. {@code ".Mjpeg"})
     * this provider serves from the server's media directory; empty for none.
     */
    default Set<String> fileExtensions() {
        return Set.of();
    }

    /** Opens a file found in the media directory with this provider's defaults. */
    default MediaSource openFile(Path file, SourceContext context) throws IOException {
        throw new UnsupportedOperationException(type() + " does not serve files from the media directory");
    }
}
