package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.StoredSource;
import java.time.Duration;
import java.util.OptionalDouble;
import dev.rill.spi.VideoSize;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored {@code .Mjpeg} clip: the frames of one {@link MjpegIndex}, played at a configured
 * rate (the container has no timing of its own). Immutable, so thread-safe; every session gets
 * the same {@link Frame} objects.
 */
final class MjpegFileSource implements StoredSource {

    /** The encoding name of JPEG video (RFC 3551 §6, RFC 2435). */
    static final String ENCODING = "JPEG";

    private final String name;
    private final List<Frame> frames;
    private final FrameClock clock;
    private final boolean loop;
    private final Optional<VideoSize> videoSize;

    /**
     * @param index     the clip's frames
     * @param frameRate frames per second, finite and &gt; 0
     * @param loop      whether playback starts again at frame 0 after the last frame
     */
    MjpegFileSource(MjpegIndex index, double frameRate, boolean loop) {
        Objects.requireNonNull(index, "index");
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be finite and > 0: " + frameRate);
        }
        this.name = index.name();
        this.frames = index.frames();
        this.clock = new FrameClock(frameRate);
        this.loop = loop;
        // The container does not say; the first frame's SOF does, and the course's clips never
        // change size mid-stream.
        this.videoSize = videoSizeOf(frames.getFirst());
    }

    private static Optional<VideoSize> videoSizeOf(Frame first) {
        try {
            JpegImage image = JpegParser.parse(first.data());
            return Optional.of(new VideoSize(image.width(), image.height()));
        } catch (JpegFormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String encoding() {
        return ENCODING;
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.of(clock.fps());
    }

    @Override
    public long frameCount() {
        return frames.size();
    }

    @Override
    public long timeOf(long index) {
        return clock.timeOf(index);
    }

    @Override
    public long indexAt(long timeNanos) {
        return Math.min(frames.size(), clock.indexAt(timeNanos));
    }

    @Override
    public Duration duration() {
        return clock.durationOf(frames.size());
    }

    @Override
    public boolean loops() {
        return loop;
    }

    /** Frame {@code index} (from 0); empty when negative or past the end, never wrapped here. */
    @Override
    public Optional<Frame> frame(long index) {
        if (index < 0 || index >= frames.size()) {
            return Optional.empty();
        }
        Frame f = frames.get((int) index);
        return Optional.of(new Frame(index, clock.timeOf(index), f.bytes()));
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return videoSize;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "MjpegFileSource[" + name + ", " + frames.size() + " frames, " + clock.fps() + " fps"
                + (loop ? ", loop" : "") + "]";
    }
}
