package dev.rill.plugin.mjpeg;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Serves {@code .Mjpeg} files (the course's container, see {@link MjpegIndex}): the
 * {@code "mjpeg-file"} source type, and files ending in {@code .Mjpeg}/{@code .mjpg} found in
 * the server's media directory. Each open reads and indexes the whole file once.
 */
public final class MjpegFileProvider implements MediaSourceProvider<MjpegFileConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "mjpeg-file";

    public MjpegFileProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<MjpegFileConfig> configType() {
        return MjpegFileConfig.class;
    }

    @Override
    public MediaSource open(MjpegFileConfig config, SourceContext context) throws IOException {
        Path file;
        try {
            file = context.baseDirectory().resolve(config.file());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file is not a usable path: '" + config.file() + "': " + e.getReason(), e);
        }
        MjpegIndex index = MjpegIndex.read(file, config.maxFileBytes());
        return new MjpegFileSource(index, config.frameRate().orElse(context.defaultFrameRate()), config.loop());
    }

    /** {@code .Mjpeg} (which the server compares without regard to case, so {@code .mjpeg} too) and {@code .mjpg}. */
    @Override
    public Set<String> fileExtensions() {
        return Set.of(".Mjpeg", ".mjpg");
    }

    /** Opens {@code file} at the server's frame rate, without looping, with the default size limit. */
    @Override
    public MediaSource openFile(Path file, SourceContext context) throws IOException {
        MjpegIndex index = MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES);
        return new MjpegFileSource(index, context.defaultFrameRate(), false);
    }
}
