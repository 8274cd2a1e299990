package dev.rill.plugin.mjpeg;

import dev.rill.spi.FrameClock;

/**
 * When each frame of a stored clip is due, in nanoseconds from frame 0: at a steady rate
 * ({@link Steady}, the container has no timing of its own), or as a recording's sidecar says
 * ({@link RecordedTimes}).
 */
sealed interface ClipTiming permits ClipTiming.Steady, RecordedTimes {

    /** Frame {@code index}'s time; for an index past the clip, where such a frame would fall. */
    long timeOf(long index);

    /** The last frame whose time is not after {@code timeNanos} (0 before frame 0); may be past the clip. */
    long indexAt(long timeNanos);

    /** The rate the frames come at, or on average, in frames per second. */
    double fps();

    /** Frame n at n / fps. */
    record Steady(FrameClock clock) implements ClipTiming {
        Steady(double fps) {
            this(new FrameClock(fps));
        }

        @Override
        public long timeOf(long index) {
            return clock.timeOf(index);
        }

        @Override
        public long indexAt(long timeNanos) {
            return clock.indexAt(timeNanos);
        }

        @Override
        public double fps() {
            return clock.fps();
        }
    }
}
