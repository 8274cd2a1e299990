package dev.rill.plugin.mjpeg;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;

import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code "mjpeg-sample"} source type: the clip the build renders into this jar
 * ({@link SampleClip}, 100 frames of 320x240), so that a server with no media of its own still
 * has something to show. Each open reads the resource into memory and indexes it like a file.
 */
public final class SampleClipProvider implements MediaSourceProvider<SampleClipConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "mjpeg-sample";
    /** The rendered clip is about 1 MB; anything far beyond that is not our resource. */
    static final int MAX_RESOURCE_BYTES = 64 << 20;

    public SampleClipProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<SampleClipConfig> configType() {
        return SampleClipConfig.class;
    }

    /** The sample at the configured rate (default: the clip's own 20 fps, whatever the server's default). */
    @Override
    public MediaSource open(SampleClipConfig config, SourceContext context) throws IOException {
        return MjpegFileProvider.source(index(), config.frameRate().orElse(SampleClip.FRAME_RATE), config.loop());
    }

    /** The sample clip's frames, read from the class path and held in memory. */
    static MjpegIndex index() throws IOException {
        byte[] data;
        try (InputStream in = SampleClip.class.getResourceAsStream(SampleClip.RESOURCE)) {
            if (in == null) {
                throw new IOException(SampleClip.RESOURCE + " is not on the class path next to " + SampleClip.class.getName()
                        + "; the build renders it in process-classes (exec-maven-plugin)");
            }
            data = in.readNBytes(MAX_RESOURCE_BYTES + 1);
        }
        if (data.length > MAX_RESOURCE_BYTES) {
            throw new IOException(SampleClip.RESOURCE + ": more than " + MAX_RESOURCE_BYTES + " bytes");
        }
        return MjpegIndex.index(SampleClip.RESOURCE, data);
    }
}
