package dev.rill.bench;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.VideoSize;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A stored source of one JPEG frame, for benchmarks that need a {@link MediaSource}. */
final class StillSource implements MediaSource {

    private final Frame frame;
    private final VideoSize size;
    private final String name;

    StillSource(byte[] jpeg, VideoSize size, String name) {
        this.frame = new Frame(0, Objects.requireNonNull(jpeg, "jpeg"));
        this.size = Objects.requireNonNull(size, "size");
        this.name = Objects.requireNonNull(name, "name");
    }

    Frame frame() {
        return frame;
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public double frameRate() {
        return 20;
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(1);
    }

    @Override
    public Optional<Frame> frame(long index) {
        return index == 0 ? Optional.of(frame) : Optional.empty();
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return Optional.of(size);
    }

    @Override
    public String describe() {
        return name;
    }
}
