package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.StoredSource;
import dev.rill.spi.VideoSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stored {@code .Mjpeg} clip: the frames of one {@link MjpegIndex}, played at a configured
 * rate (the container has no timing of its own), frame n at n / fps, or at the times a
 * recording kept beside it ({@link RecordedTimes}). Each {@link #frame} reads
 * its frame from the container and returns a new {@link Frame}; the server keeps what it needs.
 * Thread-safe.
 */
final class MjpegFileSource implements StoredSource {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegFileSource.class);

    /** The encoding name of JPEG video (RFC 3551 §6, RFC 2435). */
    static final String ENCODING = "JPEG";

    private final MjpegIndex index;
    private final ClipTiming clock;
    private final boolean loop;
    private final Optional<VideoSize> videoSize;
    /** Read errors are logged once per source: a file that went away would fail every frame. */
    private final AtomicBoolean readErrorLogged = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param index     the clip's frames; the source owns it and closes it
     * @param frameRate frames per second, finite and &gt; 0
     * @param loop      whether playback starts again at frame 0 after the last frame
     */
    MjpegFileSource(MjpegIndex index, double frameRate, boolean loop) {
        this(index, new ClipTiming.Steady(frameRate), loop);
    }

    /**
     * @param index the clip's frames; the source owns it and closes it
     * @param times when each frame is due
     * @param loop  whether playback starts again at frame 0 after the last frame
     */
    MjpegFileSource(MjpegIndex index, ClipTiming times, boolean loop) {
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(times, "times");
        this.loop = loop;
        // The container does not say; the first frame's SOF does, and the course's clips never
        // change size mid-stream.
        this.videoSize = frame(0).flatMap(MjpegFileSource::videoSizeOf);
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
        return index.frameCount();
    }

    /** {@code index} / fps, or the recorded time, in nanoseconds. */
    @Override
    public long timeOf(long index) {
        Objects.checkIndex(index, frameCount());
        return clock.timeOf(index);
    }

    @Override
    public long indexAt(long timeNanos) {
        return Math.min(clock.indexAt(timeNanos), frameCount());
    }

    /** frameCount / fps; for a recording, its last frame's time and one frame more at the recorded rate. */
    @Override
    public Duration duration() {
        return Duration.ofNanos(clock.timeOf(frameCount()));
    }

    @Override
    public boolean loops() {
        return loop;
    }

    /**
     * Reads frame {@code index} (from 0); empty when negative or past the end (never wrapped
     * here), after {@link #close()}, or when the read fails (logged).
     */
    @Override
    public Optional<Frame> frame(long index) {
        if (index < 0 || index >= frameCount() || closed) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Frame(index, clock.timeOf(index), this.index.frameBytes((int) index)));
        } catch (ClosedByInterruptException e) {
            LOG.debug("{}: reading frame {} was interrupted", describe(), index + 1);
        } catch (IOException e) {
            if (closed) {
                LOG.debug("{}: frame {} asked for while closing", describe(), index + 1);
            } else if (readErrorLogged.compareAndSet(false, true)) {
                LOG.error("{}: cannot read frame {}: {} (further read errors of this file are not logged)",
                        describe(), index + 1, e.toString());
            } else {
                LOG.debug("{}: cannot read frame {}: {}", describe(), index + 1, e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return videoSize;
    }

    @Override
    public String describe() {
        return index.name();
    }

    /** Closes the file; frames asked for after this are empty. */
    @Override
    public void close() {
        closed = true;
        index.close();
    }

    @Override
    public String toString() {
        return "MjpegFileSource[" + index.name() + ", " + index.frameCount() + " frames, " + clock.fps() + " fps"
                + (loop ? ", loop" : "") + "]";
    }
}
