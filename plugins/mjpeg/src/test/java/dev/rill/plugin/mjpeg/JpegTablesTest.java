package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Test;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The constants checked against the JDK's own copy of the T.81 Annex K tables. */
class JpegTablesTest {

    @Test
    void zigzagStartsAndEndsAsFigureA6() {
        int[] expected = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], JpegTables.naturalIndex(i));
        }
        assertEquals(63, JpegTables.naturalIndex(63));
        assertEquals(62, JpegTables.naturalIndex(62));
        assertEquals(55, JpegTables.naturalIndex(61));
    }

    @Test
    void quantisationTablesAreK1AndK2() {
        for (int i = 0; i < 64; i++) {
            int natural = JpegTables.naturalIndex(i);
            assertEquals(JPEGQTable.K1Luminance.getTable()[natural], JpegTables.luminanceQuant(i));
            assertEquals(JPEGQTable.K2Chrominance.getTable()[natural], JpegTables.chrominanceQuant(i));
        }
    }

    @Test
    void huffmanTablesAreThoseOfK3() {
        assertSame(JPEGHuffmanTable.StdDCLuminance, JpegTables.StandardHuffman.DC_LUMINANCE);
        assertSame(JPEGHuffmanTable.StdDCChrominance, JpegTables.StandardHuffman.DC_CHROMINANCE);
        assertSame(JPEGHuffmanTable.StdACLuminance, JpegTables.StandardHuffman.AC_LUMINANCE);
        assertSame(JPEGHuffmanTable.StdACChrominance, JpegTables.StandardHuffman.AC_CHROMINANCE);
    }

    private static void assertSame(JPEGHuffmanTable jdk, JpegTables.StandardHuffman ours) {
        ByteBuffer definition = ByteBuffer.allocate(ours.definitionLength());
        ours.writeDefinition(definition);
        short[] lengths = jdk.getLengths();
        short[] values = jdk.getValues();
        assertEquals(1 + 16 + values.length, ours.definitionLength());
        for (int i = 0; i < 16; i++) {
            assertEquals(lengths[i], definition.get(1 + i) & 0xFF);
        }
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], definition.get(17 + i) & 0xFF);
        }
        assertTrue(ours.matches(definition, 1));
    }
}
