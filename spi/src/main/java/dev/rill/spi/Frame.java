package dev.rill.spi;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One coded video frame (for MJPEG: one complete JPEG, SOI to EOI) and its presentation time,
 * immutable and shared by every session that plays it.
 *
 * <p>The time is in nanoseconds on the source's own media clock: a stored source counts from its
 * first frame (a file at a fixed rate stamps frame n at n / fps), a live source from wherever it
 * started. Times never go backwards within one source (for a stored source: with the index).
 * The server turns them into RTP timestamps, sender reports and schedules; nothing else in the
 * server assumes a frame rate.
 */
public final class Frame {

    private final long index;
    private final long timeNanos;
    private final byte[] data;

    /**
     * @param index     the frame's number in its source, from 0
     * @param timeNanos its presentation time on the source's media clock, in nanoseconds, &gt;= 0
     * @param data      the coded bytes; the frame takes ownership and nobody may modify them after
     */
    public Frame(long index, long timeNanos, byte[] data) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0: " + index);
        }
        if (timeNanos < 0) {
            throw new IllegalArgumentException("frame time must be >= 0 ns: " + timeNanos);
        }
        this.index = index;
        this.timeNanos = timeNanos;
        this.data = Objects.requireNonNull(data, "data");
    }

    /**
     * A frame whose presentation time does not matter to its reader (time 0): the input of a
     * payloader under test, a single picture. Sources stamp their frames with the full constructor.
     */
    public Frame(long index, byte[] data) {
        this(index, 0, data);
    }

    public long index() {
        return index;
    }

    /** Presentation time on the source's media clock, in nanoseconds. */
    public long timeNanos() {
        return timeNanos;
    }

    /** Bytes of coded data. */
    public int size() {
        return data.length;
    }

    /** A read-only view of the coded bytes, positioned at 0. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the coded bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public String toString() {
        return "Frame[" + index + " at " + timeNanos + " ns, " + data.length + " bytes]";
    }
}
