package dev.rill.plugin.mjpeg;

import dev.rill.spi.MalformedPacketException;

import java.nio.ByteBuffer;

/**
 * The headers every RFC 2435 payload starts with: the main JPEG header (§3.1, 8 bytes) and, for
 * types 64..127, the restart marker header after it (§3.1.7, 4 bytes).
 *
 * <pre>
 *  0                   1                   2                   3
 * | Type-specific |              Fragment Offset                  |
 * |      Type     |       Q       |     Width     |     Height    |
 * |       Restart Interval        |F|L|       Restart Count       |   (types 64..127)
 * </pre>
 *
 * @param typeSpecific    0 for progressive (non-interlaced) video; 1..3 for fields (§3.1.1)
 * @param fragmentOffset  where this payload's data starts in the frame's entropy-coded data, in
 *                        bytes, 0..2^24-1
 * @param type            0..255; 0 = 4:2:2, 1 = 4:2:0, +64 when restart markers are used (§3.1.3)
 * @param q               0..255; below 128 a scale factor for the Appendix A tables, 128..255 tables
 *                        in-band (§3.1.4)
 * @param width           picture width in pixels: a multiple of 8, 8..2040 (sent as width / 8)
 * @param height          picture height in pixels: a multiple of 8, 8..2040
 * @param restartInterval MCUs between restart markers (types 64..127 only, else 0)
 * @param firstRestart    the F bit: the payload starts with the first byte of a restart interval
 * @param lastRestart     the L bit: the payload ends with the last byte of a restart interval
 * @param restartCount    14 bits; 0x3FFF with F = L = 1 means "not aligned to intervals"
 */
record Rfc2435Header(int typeSpecific, int fragmentOffset, int type, int q, int width, int height,
                     int restartInterval, boolean firstRestart, boolean lastRestart, int restartCount) {

    /** Bytes of the main JPEG header. */
    static final int MAIN_LENGTH = 8;
    /** Bytes of the restart marker header. */
    static final int RESTART_LENGTH = 4;
    /** The largest fragment offset: 24 bits. */
    static final int MAX_FRAGMENT_OFFSET = (1 << 24) - 1;
    /** The largest width or height: 255 blocks of 8 pixels. */
    static final int MAX_DIMENSION = 255 * 8;
    /** Restart count meaning "the whole frame, intervals not aligned to packets" (§3.1.7). */
    static final int RESTART_COUNT_UNALIGNED = 0x3FFF;
    /** Type offset that announces restart markers and the restart marker header (§3.1.7). */
    static final int TYPE_RESTART = 64;
    /** Lowest Q value whose tables travel in-band (§3.1.8). */
    static final int Q_IN_BAND = 128;

    Rfc2435Header {
        checkRange("type-specific", typeSpecific, 0xFF);
        checkRange("fragment offset", fragmentOffset, MAX_FRAGMENT_OFFSET);
        checkRange("type", type, 0xFF);
        checkRange("Q", q, 0xFF);
        checkDimension("width", width);
        checkDimension("height", height);
        checkRange("restart interval", restartInterval, 0xFFFF);
        checkRange("restart count", restartCount, RESTART_COUNT_UNALIGNED);
        if (!restartHeader(type) && (restartInterval != 0 || firstRestart || lastRestart || restartCount != 0)) {
            throw new IllegalArgumentException("type " + type + " has no restart marker header");
        }
    }

    /**
     * A header as this server sends it: progressive video, and for types 64..127 restart
     * intervals that are not aligned to packets (F = L = 1, count 0x3FFF).
     */
    static Rfc2435Header of(int fragmentOffset, int type, int q, int width, int height, int restartInterval) {
        boolean restart = restartHeader(type);
        return new Rfc2435Header(0, fragmentOffset, type, q, width, height, restart ? restartInterval : 0,
                restart, restart, restart ? RESTART_COUNT_UNALIGNED : 0);
    }

    /** True when payloads of {@code type} carry a restart marker header (types 64..127). */
    static boolean restartHeader(int type) {
        return type >= TYPE_RESTART && type < 128;
    }

    /** Bytes this header takes: 8, or 12 with the restart marker header. */
    int length() {
        return MAIN_LENGTH + (restartHeader(type) ? RESTART_LENGTH : 0);
    }

    /** The same header for the fragment at {@code offset}. */
    Rfc2435Header withFragmentOffset(int offset) {
        return new Rfc2435Header(typeSpecific, offset, type, q, width, height, restartInterval, firstRestart,
                lastRestart, restartCount);
    }

    /** Writes the header at the buffer's position and advances it. */
    void writeTo(ByteBuffer out) {
        out.putInt(typeSpecific << 24 | fragmentOffset);
        out.put((byte) type);
        out.put((byte) q);
        out.put((byte) (width / 8));
        out.put((byte) (height / 8));
        if (restartHeader(type)) {
            out.putShort((short) restartInterval);
            out.putShort((short) ((firstRestart ? 0x8000 : 0) | (lastRestart ? 0x4000 : 0) | restartCount));
        }
    }

    /** Reads a header at the buffer's position and advances past it. */
    static Rfc2435Header read(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < MAIN_LENGTH) {
            throw new MalformedPacketException("RFC 2435 payload shorter than its 8-byte header: " + in.remaining());
        }
        int first = in.getInt();
        int type = in.get() & 0xFF;
        int q = in.get() & 0xFF;
        int width = (in.get() & 0xFF) * 8;
        int height = (in.get() & 0xFF) * 8;
        if (width == 0 || height == 0) {
            throw new MalformedPacketException("RFC 2435 frame size " + width + "x" + height);
        }
        int interval = 0;
        int flags = 0;
        if (restartHeader(type)) {
            if (in.remaining() < RESTART_LENGTH) {
                throw new MalformedPacketException("RFC 2435 type " + type + " payload too short for its restart header");
            }
            interval = in.getShort() & 0xFFFF;
            flags = in.getShort() & 0xFFFF;
        }
        return new Rfc2435Header(first >>> 24, first & MAX_FRAGMENT_OFFSET, type, q, width, height, interval,
                (flags & 0x8000) != 0, (flags & 0x4000) != 0, flags & RESTART_COUNT_UNALIGNED);
    }

    private static void checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ": " + value);
        }
    }

    private static void checkDimension(String what, int value) {
        if (value < 8 || value > MAX_DIMENSION || value % 8 != 0) {
            throw new IllegalArgumentException(what + " must be a multiple of 8 in 8.." + MAX_DIMENSION + ": " + value);
        }
    }
}
