package dev.rill.plugin.mjpeg;

import java.nio.ByteBuffer;

/**
 * The example tables of the JPEG standard (ITU-T T.81 Annex K) that RFC 2435 decoders assume:
 * the quantisation tables K.1 (luminance) and K.2 (chrominance), and the Huffman tables of K.3
 * (DC and AC, luminance and chrominance). Also the zig-zag scan order (T.81 figure A.6), the
 * order in which DQT segments and RFC 2435 quantisation table headers list their 64 values.
 *
 * <p>Every array here is private and never handed out, so the constants stay constant.
 */
final class JpegTables {

    /** Coefficients in one 8x8 block. */
    static final int BLOCK_SIZE = 64;

    /** T.81 table K.1, luminance quantisation, in natural (row-major) order. */
    private static final int[] K1_LUMINANCE = {
            16, 11, 10, 16, 24, 40, 51, 61,
            12, 12, 14, 19, 26, 58, 60, 55,
            14, 13, 16, 24, 40, 57, 69, 56,
            14, 17, 22, 29, 51, 87, 80, 62,
            18, 22, 37, 56, 68, 109, 103, 77,
            24, 35, 55, 64, 81, 104, 113, 92,
            49, 64, 78, 87, 103, 121, 120, 101,
            72, 92, 95, 98, 112, 100, 103, 99};

    /** T.81 table K.2, chrominance quantisation, in natural order. */
    private static final int[] K2_CHROMINANCE = {
            17, 18, 24, 47, 99, 99, 99, 99,
            18, 21, 26, 66, 99, 99, 99, 99,
            24, 26, 56, 99, 99, 99, 99, 99,
            47, 66, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99};

    /** Zig-zag position → natural index. */
    private static final int[] ZIGZAG = zigzagOrder();

    private JpegTables() {
    }

    /** The natural (row-major) index of the coefficient at zig-zag position {@code zigzagIndex}. */
    static int naturalIndex(int zigzagIndex) {
        return ZIGZAG[zigzagIndex];
    }

    /** Table K.1's value at zig-zag position {@code zigzagIndex}. */
    static int luminanceQuant(int zigzagIndex) {
        return K1_LUMINANCE[ZIGZAG[zigzagIndex]];
    }

    /** Table K.2's value at zig-zag position {@code zigzagIndex}. */
    static int chrominanceQuant(int zigzagIndex) {
        return K2_CHROMINANCE[ZIGZAG[zigzagIndex]];
    }

    /** Walks the anti-diagonals of the 8x8 block, alternating direction (T.81 figure A.6). */
    private static int[] zigzagOrder() {
        int[] order = new int[BLOCK_SIZE];
        int next = 0;
        for (int diagonal = 0; diagonal < 15; diagonal++) {
            int low = Math.max(0, diagonal - 7);
            int high = Math.min(diagonal, 7);
            for (int step = 0; step <= high - low; step++) {
                // even diagonals run bottom-left to top-right (row falls), odd ones the other way
                int row = diagonal % 2 == 0 ? high - step : low + step;
                order[next++] = row * 8 + (diagonal - row);
            }
        }
        return order;
    }

    /**
     * The four Huffman tables of T.81 section K.3, with the table ids RFC 2435 (Appendix B) gives
     * them: 0 for luminance, 1 for chrominance.
     */
    enum StandardHuffman {
        DC_LUMINANCE(0, 0,
                new int[] {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0},
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
        DC_CHROMINANCE(0, 1,
                new int[] {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0},
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
        AC_LUMINANCE(1, 0,
                new int[] {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d},
                new int[] {
                        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
                        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
                        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
                        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
                        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
                        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
                        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
                        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
                        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
                        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
                        0xf9, 0xfa}),
        AC_CHROMINANCE(1, 1,
                new int[] {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77},
                new int[] {
                        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
                        0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
                        0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
                        0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
                        0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
                        0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
                        0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
                        0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
                        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
                        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
                        0xf9, 0xfa});

        /** 0 for DC, 1 for AC (the Tc field of DHT). */
        private final int tableClass;
        /** The Th field RFC 2435 decoders give the table: 0 luminance, 1 chrominance. */
        private final int tableId;
        /** Number of codes of each length 1..16 (BITS in T.81). */
        private final int[] counts;
        /** Symbols in order of increasing code length (HUFFVAL in T.81). */
        private final int[] values;

        StandardHuffman(int tableClass, int tableId, int[] counts, int[] values) {
            this.tableClass = tableClass;
            this.tableId = tableId;
            this.counts = counts;
            this.values = values;
        }

        int tableClass() {
            return tableClass;
        }

        int tableId() {
            return tableId;
        }

        /** True for the luminance tables. */
        boolean luminance() {
            return tableId == 0;
        }

        /** The standard table of class {@code tableClass} for luminance or chrominance. */
        static StandardHuffman of(int tableClass, boolean luminance) {
            if (tableClass == 0) {
                return luminance ? DC_LUMINANCE : DC_CHROMINANCE;
            }
            return luminance ? AC_LUMINANCE : AC_CHROMINANCE;
        }

        /**
         * True when the table definition at {@code offset} of {@code in} (16 counts, then the
         * symbols; absolute indices) is this table. The caller has checked that the bytes exist.
         */
        boolean matches(ByteBuffer in, int offset) {
            int symbols = 0;
            for (int i = 0; i < 16; i++) {
                int count = in.get(offset + i) & 0xFF;
                if (count != counts[i]) {
                    return false;
                }
                symbols += count;
            }
            for (int i = 0; i < symbols; i++) {
                if ((in.get(offset + 16 + i) & 0xFF) != values[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Bytes this table takes in a DHT segment: Tc/Th, 16 counts, the symbols. */
        int definitionLength() {
            return 1 + 16 + values.length;
        }

        /** Writes this table's definition (as in a DHT segment) with its RFC 2435 table id. */
        void writeDefinition(ByteBuffer out) {
            out.put((byte) (tableClass << 4 | tableId));
            for (int count : counts) {
                out.put((byte) count);
            }
            for (int value : values) {
                out.put((byte) value);
            }
        }
    }
}
