package dev.rill.wire;

import java.util.concurrent.TimeUnit;

/**
 * Turns the RTP timestamps of received frames into frame times: the timestamp extended across
 * its 32-bit wrap (RFC 3550 §5.1: the difference of two timestamps, read as a signed 32-bit
 * number), counted from the stream's first frame, in nanoseconds, so that the upstream's frame
 * intervals pass through. Times rise across streams too: the first frame of a new stream (after
 * a reconnect) comes the wall-clock gap after the last frame of the one before; a timestamp that
 * goes back, or leaps more than {@link #MAX_LEAP_NANOS} ahead, starts the count again the same way.
 * Not thread-safe: the receiving thread uses it.
 */
public final class FrameTimes {

    /** A forward jump in timestamps larger than this is a new timeline, not a gap. */
    static final long MAX_LEAP_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The smallest step between the last frame of one timeline and the first of the next. */
    static final long MIN_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long clockRate;
    private boolean inStream;
    private long lastTimestamp;
    private long extended;
    private long baseNanos;
    private long lastOut = -1;
    private long lastOutAt;

    /** @param clockRate the RTP clock in Hz, 90,000 for video */
    public FrameTimes(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0 Hz: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** A new stream begins (a new connection): its timestamps have a base of their own. */
    public void newStream() {
        inStream = false;
    }

    /**
     * The time of a frame with this RTP timestamp.
     *
     * @param timestamp the frame's RTP timestamp, 0..2^32-1
     * @param nowNanos  {@code System.nanoTime()} as the frame arrived
     * @return nanoseconds, &gt;= 0, greater than the time returned before
     */
    public long stamp(long timestamp, long nowNanos) {
        if (!inStream) {
            inStream = true;
            extended = 0;
            lastTimestamp = timestamp;
            baseNanos = lastOut < 0 ? 0 : next(nowNanos);
            return emit(baseNanos, nowNanos);
        }
        extended += (int) (timestamp - lastTimestamp); // RFC 3550 §5.1: modulo 2^32
        lastTimestamp = timestamp;
        long out = baseNanos + toNanos(extended);
        if (out <= lastOut || out - lastOut > MAX_LEAP_NANOS) {
            long restart = next(nowNanos);
            baseNanos = restart - toNanos(extended);
            out = restart;
        }
        return emit(out, nowNanos);
    }

    private long next(long nowNanos) {
        return lastOut + Math.max(MIN_STEP_NANOS, Math.min(MAX_LEAP_NANOS, nowNanos - lastOutAt));
    }

    private long emit(long out, long nowNanos) {
        lastOut = out;
        lastOutAt = nowNanos;
        return out;
    }

    private long toNanos(long ticks) {
        return ticks / clockRate * 1_000_000_000L + ticks % clockRate * 1_000_000_000L / clockRate;
    }
}
