package dev.rill.plugin.mjpeg;

import java.nio.ByteBuffer;

/**
 * Rebuilds a complete JFIF stream around an RFC 2435 frame's entropy-coded data, with the headers
 * the payload format implies (RFC 2435 Appendix B): SOI, JFIF APP0, DQT (both tables), SOF0
 * (SOF1 when a table is 16-bit), DHT with the four T.81 K.3 tables, DRI for types 64..127, SOS,
 * the data, EOI. Components are Y, Cb, Cr with ids 1, 2, 3 (the JFIF convention, so no decoder has
 * to guess the colour space); Y uses table 0 and the luminance Huffman tables, Cb and Cr table 1
 * and the chrominance ones.
 */
final class Rfc2435Jfif {

    private static final byte[] APP0_JFIF = {
            (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
            1, 1, // version 1.01
            0, 0, 1, 0, 1, // no units, pixel aspect 1:1
            0, 0}; // no thumbnail
    private static final int SOF_LENGTH = 2 + 17;
    private static final int SOS_LENGTH = 2 + 12;
    private static final int DRI_LENGTH = 2 + 4;
    private static final int EOI_LENGTH = 2;

    private Rfc2435Jfif() {
    }

    /**
     * The JFIF stream for a frame.
     *
     * @param type            the RFC 2435 type: 0 or 1 (4:2:2 or 4:2:0), optionally + 64
     * @param width           pixels, from the header
     * @param height          pixels, from the header
     * @param restartInterval MCUs between restart markers; 0 writes no DRI
     * @param tables          the two quantisation tables
     * @param data            the entropy-coded data, {@code data[0, length)}
     */
    static byte[] build(int type, int width, int height, int restartInterval, Rfc2435QuantTables tables,
                        byte[] data, int length) {
        int baseType = type & ~Rfc2435Header.TYPE_RESTART;
        if (baseType != 0 && baseType != 1) {
            throw new IllegalArgumentException("RFC 2435 type must be 0, 1, 64 or 65: " + type);
        }
        // senders may end the data with the EOI marker themselves; entropy-coded data cannot hold FFD9
        boolean endsWithEoi = length >= 2 && (data[length - 2] & 0xFF) == 0xFF && (data[length - 1] & 0xFF) == 0xD9;
        int dht = 2 + 2;
        for (JpegTables.StandardHuffman table : JpegTables.StandardHuffman.values()) {
            dht += table.definitionLength();
        }
        int size = 2 + APP0_JFIF.length + tables.dqtLength() + SOF_LENGTH + dht
                + (restartInterval > 0 ? DRI_LENGTH : 0) + SOS_LENGTH + length + (endsWithEoi ? 0 : EOI_LENGTH);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putShort((short) 0xFFD8);
        out.put(APP0_JFIF);
        tables.writeDqt(out);

        out.putShort((short) (tables.sixteenBit() ? 0xFFC1 : 0xFFC0));
        out.putShort((short) 17);
        out.put((byte) 8);
        out.putShort((short) height);
        out.putShort((short) width);
        out.put((byte) 3);
        out.put((byte) 1).put((byte) (baseType == 0 ? 0x21 : 0x22)).put((byte) 0);
        out.put((byte) 2).put((byte) 0x11).put((byte) 1);
        out.put((byte) 3).put((byte) 0x11).put((byte) 1);

        out.putShort((short) 0xFFC4);
        out.putShort((short) (dht - 2));
        for (JpegTables.StandardHuffman table : JpegTables.StandardHuffman.values()) {
            table.writeDefinition(out);
        }

        if (restartInterval > 0) {
            out.putShort((short) 0xFFDD);
            out.putShort((short) 4);
            out.putShort((short) restartInterval);
        }

        out.putShort((short) 0xFFDA);
        out.putShort((short) 12);
        out.put((byte) 3);
        out.put((byte) 1).put((byte) 0x00);
        out.put((byte) 2).put((byte) 0x11);
        out.put((byte) 3).put((byte) 0x11);
        out.put((byte) 0).put((byte) 63).put((byte) 0);

        out.put(data, 0, length);
        if (!endsWithEoi) {
            out.putShort((short) 0xFFD9);
        }
        return out.array();
    }
}
