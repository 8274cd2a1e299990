package dev.rill.spi;

import java.time.Duration;

/**
 * Presentation times of a source with a fixed frame rate: frame n at n / fps seconds. For
 * sources (the only place frame-rate arithmetic belongs) to stamp frames and answer
 * {@link StoredSource#timeOf} and {@link StoredSource#indexAt} alike.
 *
 * @param fps frames per second, finite and &gt; 0
 */
public record FrameClock(double fps) {
    public FrameClock {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate must be finite and > 0: " + fps);
        }
    }

    /** Frame {@code index}'s time in nanoseconds. */
    public long timeOf(long index) {
        return Math.round(index * 1e9 / fps);
    }

    /** The frame on show at {@code timeNanos}: the last n with {@code timeOf(n) <= timeNanos}. */
    public long indexAt(long timeNanos) {
        if (timeNanos <= 0) {
            return 0;
        }
        long n = (long) Math.floor(timeNanos * fps / 1e9);
        // The float estimate can be one off either way of timeOf's rounding.
        if (timeOf(n + 1) <= timeNanos) {
            return n + 1;
        }
        return n > 0 && timeOf(n) > timeNanos ? n - 1 : n;
    }

    /** How long {@code frames} frames last. */
    public Duration durationOf(long frames) {
        return Duration.ofNanos(timeOf(frames));
    }
}
