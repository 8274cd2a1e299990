package dev.rill.client;

import dev.rill.spi.ReceivedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Holds complete frames until their presentation time, which comes from their RTP timestamps,
 * not from when they arrived. The clock is anchored on the first frame: it is shown
 * {@code playoutDelay} after it arrived, and every later frame at that time plus its timestamp
 * distance from the first (timestamps unwrapped across 2^32).
 *
 * <p>What is dropped and counted: a frame that completes after its presentation time (late);
 * the oldest frame when the buffer holds {@code maxFrames} or more than {@code maxSpan} of
 * presentation time (overflow). What resets the clock: a frame more than {@link #RESYNC_NANOS}
 * off the timeline either way (the sender jumped: a seek, a loop, a restart), and
 * {@link #LATE_IN_A_ROW_TO_RESYNC} late frames in a row (the sender's clock runs slow against
 * ours, or the network delay grew for good). Not thread-safe: {@link Playout} guards it.
 * Times are {@link System#nanoTime()} values passed in, so tests control them.
 */
final class JitterBuffer {

    /** Frames this far off the timeline mean the sender jumped; the clock starts again from them. */
    static final long RESYNC_NANOS = 1_000_000_000L;
    /** Late frames in a row after which the clock starts again from the next frame. */
    static final int LATE_IN_A_ROW_TO_RESYNC = 3;

    /** A frame and when to show it. */
    record Entry(ReceivedFrame frame, long dueNanos) {
    }

    /** What became of an offered frame. */
    enum Outcome { QUEUED, LATE }

    private final int clockRate;
    private final long playoutDelayNanos;
    private final int maxFrames;
    private final long maxSpanNanos;
    /** Ordered by due time. */
    private final List<Entry> entries = new ArrayList<>();

    private boolean anchored;
    private long anchorTimestamp;
    private long anchorNanos;
    private boolean haveTimestamp;
    private long lastExtended;
    private int lateInARow;
    private long late;
    private long overflow;
    private long resyncs;

    /**
     * @param clockRate    RTP clock of the stream, Hz
     * @param playoutDelayNanos how long after the first frame's arrival it is shown
     * @param maxFrames    most frames held
     * @param maxSpanNanos most presentation time held, first to last
     */
    JitterBuffer(int clockRate, long playoutDelayNanos, int maxFrames, long maxSpanNanos) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0 Hz: " + clockRate);
        }
        if (playoutDelayNanos < 0 || playoutDelayNanos > RESYNC_NANOS) {
            throw new IllegalArgumentException("playout delay must be 0..1 s: " + playoutDelayNanos + " ns");
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("buffer must hold at least one frame: " + maxFrames);
        }
        if (maxSpanNanos <= 0) {
            throw new IllegalArgumentException("buffer span must be > 0: " + maxSpanNanos + " ns");
        }
        this.clockRate = clockRate;
        this.playoutDelayNanos = playoutDelayNanos;
        this.maxFrames = maxFrames;
        this.maxSpanNanos = maxSpanNanos;
    }

    /** Takes a frame that has just completed at {@code nowNanos}. */
    Outcome offer(ReceivedFrame frame, long nowNanos) {
        long extended = unwrap(frame.timestamp());
        if (!anchored || lateInARow >= LATE_IN_A_ROW_TO_RESYNC) {
            anchor(extended, nowNanos);
        }
        long due = dueOf(extended);
        if (due < nowNanos - RESYNC_NANOS || due > nowNanos + playoutDelayNanos + RESYNC_NANOS) {
            resyncs++;
            anchor(extended, nowNanos);
            due = dueOf(extended);
        }
        if (due < nowNanos) {
            late++;
            lateInARow++;
            return Outcome.LATE;
        }
        lateInARow = 0;
        int at = entries.size();
        while (at > 0 && entries.get(at - 1).dueNanos() > due) {
            at--;
        }
        entries.add(at, new Entry(frame, due));
        while (entries.size() > maxFrames
                || entries.get(entries.size() - 1).dueNanos() - entries.get(0).dueNanos() > maxSpanNanos) {
            entries.remove(0);
            overflow++;
        }
        return Outcome.QUEUED;
    }

    private void anchor(long extended, long nowNanos) {
        anchored = true;
        anchorTimestamp = extended;
        anchorNanos = nowNanos + playoutDelayNanos;
        lateInARow = 0;
    }

    private long dueOf(long extended) {
        return anchorNanos + Math.round((extended - anchorTimestamp) * 1e9 / clockRate);
    }

    /** The timestamp on a 64-bit line: the 32-bit value nearest the last one seen. */
    private long unwrap(long timestamp) {
        if (!haveTimestamp) {
            haveTimestamp = true;
            lastExtended = timestamp;
            return timestamp;
        }
        lastExtended += (int) (timestamp - lastExtended);
        return lastExtended;
    }

    /** The first frame whose time has come, removed. */
    Optional<Entry> pollDue(long nowNanos) {
        if (entries.isEmpty() || entries.get(0).dueNanos() > nowNanos) {
            return Optional.empty();
        }
        return Optional.of(entries.remove(0));
    }

    /** When the next frame is due, if any is held. */
    OptionalLong nextDue() {
        return entries.isEmpty() ? OptionalLong.empty() : OptionalLong.of(entries.get(0).dueNanos());
    }

    /** Forgets every frame and the clock: the next frame starts a new timeline (after PLAY or a seek). */
    void reset() {
        entries.clear();
        anchored = false;
        haveTimestamp = false;
        lateInARow = 0;
    }

    int size() {
        return entries.size();
    }

    /** Frames dropped because they completed after their presentation time. */
    long late() {
        return late;
    }

    /** Frames dropped because the buffer was full. */
    long overflow() {
        return overflow;
    }

    /** Times the clock started again because a frame was far off the timeline. */
    long resyncs() {
        return resyncs;
    }
}
