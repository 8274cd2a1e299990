package dev.rill.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stream of frames behind one mount: a stored file (frames 0..n-1, random access) or a live
 * source (frames that exist only around "now"). One instance per mount, shared by every session;
 * each session keeps its own position. Implementations are thread-safe.
 */
public interface MediaSource extends AutoCloseable {

    /** The encoding name of the payload format that carries these frames, e.g. {@code "JPEG"}. */
    String encoding();

    /** Frames per second; frame n is presented n / frameRate seconds after frame 0. */
    double frameRate();

    /** How many frames a stored source has; empty for a live source. */
    OptionalLong frameCount();

    /** True for a live source: no duration, no seeking, frames follow the wall clock. */
    default boolean live() {
        return frameCount().isEmpty();
    }

    /** Length of a stored source: frameCount / frameRate. */
    default Optional<Duration> duration() {
        OptionalLong count = frameCount();
        if (count.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(count.getAsLong() * 1e9 / frameRate())));
    }

    /** True when a stored source starts again at frame 0 after its last frame. */
    default boolean loops() {
        return false;
    }

    /**
     * Frame {@code index}. Empty past the end of a stored source (for a looping source the
     * caller wraps the index itself), or where a live source no longer or not yet has it.
     */
    Optional<Frame> frame(long index);

    /**
     * For a live source, the index of the frame that is current at {@code System.nanoTime()}
     * value {@code nanoTime}; a stored source returns 0.
     */
    default long currentIndex(long nanoTime) {
        return 0;
    }

    /** Picture width and height in pixels, if known without decoding. */
    default Optional<VideoSize> videoSize() {
        return Optional.empty();
    }

    /** A short name for logs: a file name or a source type. */
    String describe();

    /** Frees what the source holds; called once, when no session uses it any longer. */
    @Override
    default void close() {
    }
}
