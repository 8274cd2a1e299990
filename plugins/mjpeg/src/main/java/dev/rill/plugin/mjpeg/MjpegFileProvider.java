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
 * the server's media directory. Each open indexes the file once and keeps it open; frames are
 * read from it as they are asked for. A file with a recording's frame times beside it
 * ({@code x.Mjpeg.times}, {@link RecordedTimes}) plays at those times instead of a steady rate.
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
        return source(file, MjpegIndex.read(file, config.maxFileBytes()), config.frameRate().orElse(context.defaultFrameRate()),
                config.loop());
    }

    /** {@code .Mjpeg} (which the server compares without regard to case, so {@code .mjpeg} too) and {@code .mjpg}. */
    @Override
    public Set<String> fileExtensions() {
        return Set.of(".Mjpeg", ".mjpg");
    }

    /** Opens {@code file} at the server's frame rate, without looping, with the default size limit. */
    @Override
    public MediaSource openFile(Path file, SourceContext context) throws IOException {
        return source(file, MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES), context.defaultFrameRate(), false);
    }

    /**
     * A source of {@code index}, read from {@code file}: at the times of a recording's sidecar
     * when the file has one ({@link RecordedTimes}), else at {@code frameRate}.
     */
    static MjpegFileSource source(Path file, MjpegIndex index, double frameRate, boolean loop) {
        try {
            ClipTiming times = RecordedTimes.read(file, index.frameCount(), frameRate)
                    .orElseGet(() -> new ClipTiming.Steady(frameRate));
            return new MjpegFileSource(index, times, loop);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** A source of {@code index}, which is closed if the source cannot be made. */
    static MjpegFileSource source(MjpegIndex index, double frameRate, boolean loop) {
        try {
            return new MjpegFileSource(index, frameRate, loop);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
