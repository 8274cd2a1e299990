package dev.rill.plugin.mjpeg;

import dev.rill.spi.MalformedPacketException;
import org.junit.jupiter.api.Test;

import javax.imageio.plugins.jpeg.JPEGQTable;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rfc2435QuantTablesTest {

    @Test
    void qFiftyGivesTheAnnexKTablesUnscaled() {
        Rfc2435QuantTables tables = Rfc2435QuantTables.forQ(50);
        int[] luma = JPEGQTable.K1Luminance.getTable();
        int[] chroma = JPEGQTable.K2Chrominance.getTable();

        for (int i = 0; i < 64; i++) {
            assertEquals(luma[JpegTables.naturalIndex(i)], tables.luminance(i));
            assertEquals(chroma[JpegTables.naturalIndex(i)], tables.chrominance(i));
        }
    }

    @Test
    void qSeventyFiveHalvesTheTablesAsAppendixAComputes() {
        ByteBuffer out = ByteBuffer.allocate(132);
        Rfc2435QuantTables.forQ(75).writeTo(out);

        // header 00 00 0080, then K.1 in zig-zag order (16 11 12 14 12 10 16 14 ...) times 50/100, rounded
        assertArrayEquals(HexFormat.of().parseHex("00000080" + "0806060706050807"),
                java.util.Arrays.copyOf(out.array(), 12));
        // K.2 starts 17 18 18 24 21 ... -> 9 9 9 12 11
        assertArrayEquals(HexFormat.of().parseHex("090909" + "0C0B"), java.util.Arrays.copyOfRange(out.array(), 68, 73));
    }

    @Test
    void qOutsideOneToNinetyNineIsClampedAndValuesStayInOneTo255() {
        assertEquals(Rfc2435QuantTables.forQ(1), Rfc2435QuantTables.forQ(0));
        assertEquals(Rfc2435QuantTables.forQ(99), Rfc2435QuantTables.forQ(127));
        Rfc2435QuantTables coarse = Rfc2435QuantTables.forQ(1);
        Rfc2435QuantTables fine = Rfc2435QuantTables.forQ(99);
        for (int i = 0; i < 64; i++) {
            assertTrue(coarse.luminance(i) <= 255 && fine.luminance(i) >= 1);
        }
        assertEquals(255, coarse.chrominance(63));
        assertEquals(1, fine.luminance(0));
    }

    @Test
    void readTakesTwoTablesFromTheHeader() throws Exception {
        byte[] wire = new byte[4 + 128];
        wire[3] = (byte) 128;
        for (int i = 0; i < 128; i++) {
            wire[4 + i] = (byte) (i + 1);
        }
        ByteBuffer in = ByteBuffer.wrap(wire);

        Rfc2435QuantTables tables = Rfc2435QuantTables.read(in).orElseThrow();

        assertEquals(wire.length, in.position());
        assertEquals(1, tables.luminance(0));
        assertEquals(65, tables.chrominance(0));
    }

    @Test
    void readSharesASingleTableBetweenLumaAndChromaAsFfmpegSendsIt() throws Exception {
        byte[] wire = new byte[4 + 64 + 10];
        wire[3] = 64;
        wire[4] = 7;
        Rfc2435QuantTables tables = Rfc2435QuantTables.read(ByteBuffer.wrap(wire)).orElseThrow();

        assertEquals(7, tables.luminance(0));
        assertEquals(7, tables.chrominance(0));
    }

    @Test
    void readReturnsEmptyForLengthZeroAndRejectsShortTables() throws Exception {
        assertTrue(Rfc2435QuantTables.read(ByteBuffer.wrap(new byte[] {0, 0, 0, 0})).isEmpty());
        assertThrows(MalformedPacketException.class,
                () -> Rfc2435QuantTables.read(ByteBuffer.wrap(new byte[] {0, 0, 0, (byte) 128, 1, 2})));
        assertThrows(MalformedPacketException.class, () -> Rfc2435QuantTables.read(ByteBuffer.wrap(new byte[] {0, 0})));
    }

    @Test
    void sixteenBitTablesAreReadAndWrittenAsDqtWithPrecisionOne() throws Exception {
        byte[] wire = new byte[4 + 256];
        wire[1] = 3;
        wire[2] = 1;
        wire[4] = 0x01;
        wire[5] = 0x2C; // 300
        Rfc2435QuantTables tables = Rfc2435QuantTables.read(ByteBuffer.wrap(wire)).orElseThrow();
        ByteBuffer dqt = ByteBuffer.allocate(tables.dqtLength());
        tables.writeDqt(dqt);

        assertEquals(300, tables.luminance(0));
        assertTrue(tables.sixteenBit());
        assertArrayEquals(HexFormat.of().parseHex("FFDB0104" + "10012C"), java.util.Arrays.copyOf(dqt.array(), 7));
        assertEquals(0x11, dqt.array()[4 + 1 + 128] & 0xFF);
    }

    @Test
    void theTablesOfEveryQFrom1To99AreRecognisedAndNoOthers() {
        for (int q = 1; q <= 99; q++) {
            Rfc2435QuantTables tables = Rfc2435QuantTables.forQ(q);
            assertEquals(tables, Rfc2435QuantTables.forQ(Rfc2435QuantTables.computedQ(tables).orElseThrow()), "Q " + q);
        }
        assertEquals(java.util.OptionalInt.of(75), Rfc2435QuantTables.computedQ(Rfc2435QuantTables.forQ(75)));
        assertTrue(Rfc2435QuantTables.computedQ(Rfc2435RoundTripTest.mixed(75, 50)).isEmpty());
        assertTrue(Rfc2435QuantTables.computedQ(Rfc2435RoundTripTest.mixed(80, 80)).isEmpty());
    }
}
