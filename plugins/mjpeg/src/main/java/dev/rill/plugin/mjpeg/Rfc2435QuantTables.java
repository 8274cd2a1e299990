package dev.rill.plugin.mjpeg;

import dev.rill.spi.MalformedPacketException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The two quantisation tables of an RFC 2435 type 0/1 frame, luminance first, each 64 values in
 * zig-zag order (as in a DQT segment). They come either in-band in the quantisation table header
 * (§3.1.8, Q 128..255) or from a Q factor (Appendix A, Q below 128). Immutable.
 */
final class Rfc2435QuantTables {

    /** Bytes of the quantisation table header before the table data: MBZ, Precision, Length. */
    static final int HEADER_LENGTH = 4;
    /** Bytes of two 8-bit tables: what this server sends. */
    static final int EIGHT_BIT_LENGTH = 2 * JpegTables.BLOCK_SIZE;

    /** The lowest and highest Q whose tables a receiver computes itself (§3.1.4, Appendix A). */
    static final int Q_MIN_COMPUTED = 1;
    static final int Q_MAX_COMPUTED = 99;

    /** The tables of Q 1..99 and their Q (the lowest, if two Q give equal tables); never changed. */
    private static final Map<Rfc2435QuantTables, Integer> COMPUTED = computedTables();

    /** Bit 0: the luminance table has 16-bit values; bit 1: the chrominance table (§3.1.8). */
    private final int precision;
    /** The table data as on the wire: luminance then chrominance, 16-bit values big-endian. */
    private final byte[] data;

    Rfc2435QuantTables(int precision, byte[] data) {
        if (precision < 0 || precision > 3) {
            throw new IllegalArgumentException("precision must use bits 0 and 1 only: " + precision);
        }
        if (data.length != tableBytes(precision & 1) + tableBytes(precision & 2)) {
            throw new IllegalArgumentException("precision " + precision + " needs "
                    + (tableBytes(precision & 1) + tableBytes(precision & 2)) + " bytes of tables: " + data.length);
        }
        this.precision = precision;
        this.data = data.clone();
    }

    /** Two 8-bit tables taken from a JPEG's DQT values (64 bytes each, zig-zag order). */
    static Rfc2435QuantTables of(JpegImage.QuantTable luminance, JpegImage.QuantTable chrominance) {
        if (luminance.precision() != 8 || chrominance.precision() != 8) {
            throw new IllegalArgumentException("RFC 2435 tables sent by this server are 8-bit");
        }
        byte[] data = new byte[EIGHT_BIT_LENGTH];
        luminance.values().get(0, data, 0, JpegTables.BLOCK_SIZE);
        chrominance.values().get(0, data, JpegTables.BLOCK_SIZE, JpegTables.BLOCK_SIZE);
        return new Rfc2435QuantTables(0, data);
    }

    /**
     * The tables for a Q factor below 128, computed as RFC 2435 Appendix A does: the T.81 K.1/K.2
     * tables scaled by 5000/Q below 50 and by 200 - 2Q from 50 (the IJG quality scale), Q clamped
     * to 1..99 and each value to 1..255.
     */
    static Rfc2435QuantTables forQ(int q) {
        int factor = Math.clamp(q, 1, 99);
        int scale = factor < 50 ? 5000 / factor : 200 - 2 * factor;
        byte[] data = new byte[EIGHT_BIT_LENGTH];
        for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
            data[i] = (byte) Math.clamp((JpegTables.luminanceQuant(i) * scale + 50) / 100, 1, 255);
            data[JpegTables.BLOCK_SIZE + i] = (byte) Math.clamp((JpegTables.chrominanceQuant(i) * scale + 50) / 100, 1, 255);
        }
        return new Rfc2435QuantTables(0, data);
    }

    /**
     * The Q in 1..99 whose Appendix A tables equal these, so that a sender may send that Q and
     * leave the tables out; empty for any other tables.
     */
    static OptionalInt computedQ(Rfc2435QuantTables tables) {
        Integer q = COMPUTED.get(tables);
        return q == null ? OptionalInt.empty() : OptionalInt.of(q);
    }

    private static Map<Rfc2435QuantTables, Integer> computedTables() {
        Map<Rfc2435QuantTables, Integer> byTables = new HashMap<>();
        for (int q = Q_MIN_COMPUTED; q <= Q_MAX_COMPUTED; q++) {
            byTables.putIfAbsent(forQ(q), q);
        }
        return Map.copyOf(byTables);
    }

    /**
     * Reads a quantisation table header and its tables at the buffer's position and advances past
     * them. Empty when the header has length 0: the sender relies on tables sent before for this Q.
     */
    static Optional<Rfc2435QuantTables> read(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < HEADER_LENGTH) {
            throw new MalformedPacketException("RFC 2435 payload too short for its quantisation table header");
        }
        in.get(); // MBZ: ignored on receipt
        int precision = in.get() & 0xFF;
        int length = in.getShort() & 0xFFFF;
        if (length == 0) {
            return Optional.empty();
        }
        int lumaBytes = tableBytes(precision & 1);
        if (length == lumaBytes && length <= in.remaining()) {
            // one table for all components: what ffmpeg sends when its luma and chroma tables are equal
            byte[] data = new byte[2 * lumaBytes];
            in.get(data, 0, lumaBytes);
            System.arraycopy(data, 0, data, lumaBytes, lumaBytes);
            return Optional.of(new Rfc2435QuantTables((precision & 1) * 3, data));
        }
        int needed = lumaBytes + tableBytes(precision & 2);
        if (length < needed || length > in.remaining()) {
            throw new MalformedPacketException("RFC 2435 quantisation tables of length " + length + " (precision "
                    + precision + " needs " + needed + ", " + in.remaining() + " bytes remain)");
        }
        byte[] data = new byte[needed];
        in.get(data);
        in.position(in.position() + length - needed); // tables for more components than two: unused
        return Optional.of(new Rfc2435QuantTables(precision & 3, data));
    }

    /** Bytes of the header plus tables. */
    int wireLength() {
        return HEADER_LENGTH + data.length;
    }

    /** Writes the quantisation table header and the tables at the buffer's position. */
    void writeTo(ByteBuffer out) {
        out.put((byte) 0);
        out.put((byte) precision);
        out.putShort((short) data.length);
        out.put(data);
    }

    /** The luminance table's value at zig-zag position {@code index} (0..63). */
    int luminance(int index) {
        return value(0, (precision & 1) != 0, index);
    }

    /** The chrominance table's value at zig-zag position {@code index} (0..63). */
    int chrominance(int index) {
        return value(tableBytes(precision & 1), (precision & 2) != 0, index);
    }

    private int value(int start, boolean sixteenBit, int index) {
        if (sixteenBit) {
            return (data[start + 2 * index] & 0xFF) << 8 | (data[start + 2 * index + 1] & 0xFF);
        }
        return data[start + index] & 0xFF;
    }

    /** True when either table has 16-bit values (only an extended-sequential JPEG can use them). */
    boolean sixteenBit() {
        return precision != 0;
    }

    /** Bytes of a DQT segment, marker included, that defines both tables. */
    int dqtLength() {
        return 2 + 2 + 2 + data.length;
    }

    /** Writes a DQT segment defining the luminance table as id 0 and the chrominance one as id 1. */
    void writeDqt(ByteBuffer out) {
        int lumaBytes = tableBytes(precision & 1);
        out.putShort((short) 0xFFDB);
        out.putShort((short) (dqtLength() - 2));
        out.put((byte) ((precision & 1) << 4));
        out.put(data, 0, lumaBytes);
        out.put((byte) (((precision >> 1) & 1) << 4 | 1));
        out.put(data, lumaBytes, data.length - lumaBytes);
    }

    private static int tableBytes(int precisionBit) {
        return precisionBit != 0 ? 2 * JpegTables.BLOCK_SIZE : JpegTables.BLOCK_SIZE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rfc2435QuantTables t && t.precision == precision && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * precision + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Rfc2435QuantTables[precision=" + precision + ", " + data.length + " bytes]";
    }
}
