package dev.rill.bench;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.StoredSource;
import dev.rill.spi.VideoSize;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A stored source of one JPEG frame at 20 fps (one frame, 50 ms), for benchmarks that need a
 * {@link StoredSource}. The frame is made once and shared, so a benchmark measures its payloader,
 * not the source.
 */
final class StillSource implements StoredSource {

    private static final FrameClock CLOCK = new FrameClock(20);

    private final Frame frame;
    private final VideoSize size;
    private final String name;

    StillSource(byte[] jpeg, VideoSize size, String name) {
        this.frame = new Frame(0, 0, Objects.requireNonNull(jpeg, "jpeg"));
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
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.of(CLOCK.fps());
    }

    @Override
    public long frameCount() {
        return 1;
    }

    @Override
    public long timeOf(long index) {
        Objects.checkIndex(index, 1);
        return 0;
    }

    @Override
    public long indexAt(long timeNanos) {
        return Math.min(CLOCK.indexAt(timeNanos), 1);
    }

    @Override
    public Duration duration() {
        return CLOCK.durationOf(1);
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
