package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegParserTest {

    private static final byte[] BASELINE = Spec.of(320, 240).encode();

    @Test
    void baselineFrameExposesSizeComponentsTablesAndScan() throws Exception {
        JpegImage image = JpegParser.parse(BASELINE);

        assertEquals(320, image.width());
        assertEquals(240, image.height());
        assertEquals(JpegImage.SOF_BASELINE, image.frameMarker());
        assertEquals(8, image.samplePrecision());
        assertEquals(List.of(new JpegImage.Component(1, 2, 2, 0), new JpegImage.Component(2, 1, 1, 1),
                new JpegImage.Component(3, 1, 1, 1)), image.components());
        assertEquals("4:2:0", image.chromaSubsampling());
        assertEquals(2, image.quantTables().size());
        assertEquals(8, image.quantTable(0).orElseThrow().precision());
        assertArrayEquals(JpegTestBytes.table(BASELINE, 0), JpegTestBytes.bytes(image.quantTable(0).orElseThrow().values()));
        assertEquals(0, image.restartInterval());
        assertTrue(image.standardHuffmanTables());
        assertTrue(image.jfif());
        assertEquals(1, image.scans().size());
        assertEquals(List.of(1, 2, 3), image.firstScan().componentIds());
        assertArrayEquals(JpegTestBytes.scan(BASELINE), JpegTestBytes.bytes(image.scanData()));
        assertEquals(BASELINE.length - 2, image.firstScan().offset() + image.firstScan().length());
    }

    @Test
    void parseReadsFromTheBufferPositionWithoutMovingIt() throws Exception {
        byte[] padded = new byte[BASELINE.length + 10];
        System.arraycopy(BASELINE, 0, padded, 5, BASELINE.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 5, BASELINE.length);

        JpegImage image = JpegParser.parse(buffer);

        assertEquals(5, buffer.position());
        assertArrayEquals(JpegTestBytes.scan(BASELINE), JpegTestBytes.bytes(image.scanData()));
    }

    @Test
    void restartIntervalAndRstMarkersStayInTheScan() throws Exception {
        byte[] jpeg = Spec.of(64, 48).restart(1).encode();

        JpegImage image = JpegParser.parse(jpeg);

        assertEquals(1, image.restartInterval());
        assertEquals(1, image.scans().size());
        byte[] scan = JpegTestBytes.bytes(image.scanData());
        assertArrayEquals(JpegTestBytes.scan(jpeg), scan);
        assertTrue(contains(scan, (byte) 0xFF, (byte) 0xD0), "RST0 inside the scan");
    }

    @Test
    void sixteenBitTablesAndExtendedSequentialAreRead() throws Exception {
        JpegImage image = JpegParser.parse(JpegTestBytes.sixteenBitTables(BASELINE));
        JpegImage original = JpegParser.parse(BASELINE);

        assertEquals(JpegImage.SOF_EXTENDED, image.frameMarker());
        assertTrue(image.sequential());
        JpegImage.QuantTable table = image.quantTable(1).orElseThrow();
        assertEquals(16, table.precision());
        for (int i = 0; i < 64; i++) {
            assertEquals(original.quantTable(1).orElseThrow().value(i), table.value(i));
        }
    }

    @Test
    void severalTablesInOneDqtSegmentAreAllRead() throws Exception {
        JpegImage image = JpegParser.parse(JpegTestBytes.mergedQuantTables(BASELINE));

        assertEquals(JpegParser.parse(BASELINE).quantTables(), image.quantTables());
    }

    @Test
    void progressiveFrameHasSeveralScans() throws Exception {
        JpegImage image = JpegParser.parse(Spec.of(64, 48).progressiveCoding().encode());

        assertEquals(JpegImage.SOF_PROGRESSIVE, image.frameMarker());
        assertFalse(image.sequential());
        assertTrue(image.scans().size() > 1);
    }

    @Test
    void optimisedHuffmanTablesAreNotStandard() throws Exception {
        assertFalse(JpegParser.parse(Spec.of(64, 48).optimisedHuffman().encode()).standardHuffmanTables());
    }

    @Test
    void missingHuffmanTablesCountAsStandardAsInMotionJpeg() throws Exception {
        assertTrue(JpegParser.parse(JpegTestBytes.without(BASELINE, 0xC4)).standardHuffmanTables());
    }

    @Test
    void greyAndFourComponentFramesAreRead() throws Exception {
        assertEquals(1, JpegParser.parse(Spec.of(64, 48).greyscale().encode()).components().size());
        assertEquals(4, JpegParser.parse(JpegTestImages.cmyk(32, 16)).components().size());
    }

    @Test
    void fillBytesBeforeAMarkerEndTheScanAtTheFirstFill() throws Exception {
        byte[] filled = Arrays.copyOf(BASELINE, BASELINE.length + 2);
        filled[BASELINE.length - 2] = (byte) 0xFF;
        filled[BASELINE.length - 1] = (byte) 0xFF;
        filled[BASELINE.length] = (byte) 0xFF;
        filled[BASELINE.length + 1] = (byte) 0xD9;

        JpegImage image = JpegParser.parse(filled);

        assertArrayEquals(JpegTestBytes.scan(BASELINE), JpegTestBytes.bytes(image.scanData()));
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < BASELINE.length; length++) {
            byte[] cut = Arrays.copyOf(BASELINE, length);
            assertThrows(JpegFormatException.class, () -> JpegParser.parse(cut), "length " + length);
        }
    }

    @Test
    void malformedStructuresAreRejectedWithAMessage() {
        assertMessage("no SOI", new byte[] {0, 1, 2, 3, 4});
        byte[] longSegment = BASELINE.clone();
        longSegment[4] = (byte) 0x7F; // APP0 length far past the end
        assertMessage("has length", longSegment);
        byte[] badSampling = BASELINE.clone();
        badSampling[JpegTestBytes.findMarker(BASELINE, 0xC0) + 11] = 0x52;
        assertMessage("sampling", badSampling);
        byte[] noScan = Arrays.copyOf(BASELINE, JpegTestBytes.findMarker(BASELINE, 0xDA) + 2);
        noScan[noScan.length - 1] = (byte) 0xD9;
        assertMessage("no scan", noScan);
        assertMessage("does not define", JpegTestBytes.without(BASELINE, 0xDB));
    }

    @Test
    void randomCorruptionEndsInJpegFormatExceptionOrAnImage() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] corrupt = BASELINE.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                // mostly in the headers, where the parser looks
                int at = random.nextInt(random.nextBoolean() ? 700 : corrupt.length);
                corrupt[at] = (byte) random.nextInt(256);
            }
            try {
                JpegParser.parse(corrupt);
            } catch (JpegFormatException expected) {
                // fine: a clear rejection
            }
        }
    }

    private static void assertMessage(String expected, byte[] jpeg) {
        JpegFormatException e = assertThrows(JpegFormatException.class, () -> JpegParser.parse(jpeg));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static boolean contains(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return true;
            }
        }
        return false;
    }
}
