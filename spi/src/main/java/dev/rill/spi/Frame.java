package dev.rill.spi;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One coded video frame (for MJPEG: one complete JPEG, SOI to EOI), immutable and shared by
 * every session that plays it.
 */
public final class Frame {

    private final long index;
    private final byte[] data;

    /**
     * @param index the frame's number in its source, from 0; its presentation time is
     *              {@code index / frameRate} seconds
     * @param data  the coded bytes; the frame takes ownership and nobody may modify them after
     */
    public Frame(long index, byte[] data) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0: " + index);
        }
        this.index = index;
        this.data = Objects.requireNonNull(data, "data");
    }

    public long index() {
        return index;
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
        return "Frame[" + index + ", " + data.length + " bytes]";
    }
}
