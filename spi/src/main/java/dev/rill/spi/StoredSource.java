package dev.rill.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A source whose frames all exist: frames {@code 0 .. frameCount() - 1}, each with a
 * presentation time that rises with the index. Sessions play it each from their own position and
 * may seek. The server asks for frames a few ahead of the sessions that play them, from a thread
 * of its prefetch stage; {@link #frame} may block on I/O, but should not hold the whole file in
 * memory: the server keeps only the frames near playing sessions.
 */
public interface StoredSource extends MediaSource {

    /** How many frames there are; at least 1. */
    long frameCount();

    /**
     * The presentation time of frame {@code index} (0 .. frameCount - 1), in nanoseconds from
     * frame 0, without reading the frame; equal to that frame's {@link Frame#timeNanos()}.
     */
    long timeOf(long index);

    /**
     * The frame on show at {@code timeNanos} from the start: the last frame whose time is not
     * after it, or {@code frameCount()} when the time is at or past {@link #duration()}.
     */
    long indexAt(long timeNanos);

    /** From frame 0's time to the end of the last frame: where a looping source starts over. */
    Duration duration();

    /** True when playback starts again at frame 0 after the last frame. */
    default boolean loops() {
        return false;
    }

    /**
     * Reads frame {@code index}, stamped with {@link #timeOf}. Empty when the index is out of
     * range or the frame cannot be read (the source logs why; the server ends the stream there).
     */
    Optional<Frame> frame(long index);
}
