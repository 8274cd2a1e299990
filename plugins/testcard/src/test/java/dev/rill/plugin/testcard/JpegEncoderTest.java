package dev.rill.plugin.testcard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The card's JPEG is what RFC 2435 carries without re-encoding (§3.1, Appendix A and B). */
class JpegEncoderTest {

    /** T.81 Annex K.3 BITS (code counts per length 1..16), keyed by Tc << 4 | Th. */
    private static final Map<Integer, int[]> STANDARD_BITS = Map.of(
            0x00, new int[] {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0},
            0x01, new int[] {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0},
            0x10, new int[] {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d},
            0x11, new int[] {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77});

    private static JpegMarkers jpeg;

    @BeforeAll
    static void renderOneFrame() throws IOException {
        try (CardRenderer renderer = new CardRenderer(new VideoSize(320, 240), 25, 0.75f, ZoneOffset.UTC)) {
            jpeg = JpegMarkers.parse(renderer.render(7, Instant.parse("2025-01-01T12:34:56.78Z")));
        }
    }

    @Test
    void frameIsBaselineSequentialWithEightBitSamples() {
        assertEquals(1, jpeg.all(JpegMarkers.SOF0).size());
        assertFalse(jpeg.hasNonBaselineFrame());
        JpegMarkers.Segment sof = jpeg.all(JpegMarkers.SOF0).getFirst();
        assertEquals(8, sof.u8(0), "sample precision");
        assertEquals(240, sof.u16(1), "height");
        assertEquals(320, sof.u16(3), "width");
    }

    @Test
    void componentsAreYCbCrFourTwoZeroWithSharedChromaTable() {
        JpegMarkers.Segment sof = jpeg.all(JpegMarkers.SOF0).getFirst();
        assertEquals(3, sof.u8(5), "components");
        int[] sampling = {sof.u8(7), sof.u8(10), sof.u8(13)};
        assertArrayEquals(new int[] {0x22, 0x11, 0x11}, sampling, "Y 2x2, Cb 1x1, Cr 1x1 (RFC 2435 type 1)");
        assertEquals(sof.u8(11), sof.u8(14), "Cb and Cr share a quantisation table");
        assertTrue(sof.u8(8) != sof.u8(11), "Y has its own quantisation table");
    }

    @Test
    void twoEightBitQuantisationTables() {
        List<Integer> tables = new ArrayList<>();
        for (JpegMarkers.Segment dqt : jpeg.all(JpegMarkers.DQT)) {
            int pos = 0;
            while (pos < dqt.payload().length) {
                int pqTq = dqt.u8(pos);
                assertEquals(0, pqTq >> 4, "8-bit table precision");
                tables.add(pqTq & 0x0F);
                pos += 1 + 64;
            }
        }
        assertEquals(List.of(0, 1), tables.stream().sorted().toList());
    }

    @Test
    void huffmanTablesAreTheStandardOnes() {
        List<Integer> seen = new ArrayList<>();
        for (JpegMarkers.Segment dht : jpeg.all(JpegMarkers.DHT)) {
            int pos = 0;
            while (pos < dht.payload().length) {
                int tcTh = dht.u8(pos);
                int[] bits = new int[16];
                int codes = 0;
                for (int i = 0; i < 16; i++) {
                    bits[i] = dht.u8(pos + 1 + i);
                    codes += bits[i];
                }
                assertArrayEquals(STANDARD_BITS.get(tcTh), bits, "BITS of table " + Integer.toHexString(tcTh));
                seen.add(tcTh);
                pos += 1 + 16 + codes;
            }
        }
        assertEquals(List.of(0x00, 0x01, 0x10, 0x11), seen.stream().sorted().toList());
    }

    @Test
    void oneInterleavedScanOfYCbCrAndNoRestartMarkers() {
        assertEquals(1, jpeg.all(JpegMarkers.SOS).size());
        JpegMarkers.Segment sos = jpeg.all(JpegMarkers.SOS).getFirst();
        JpegMarkers.Segment sof = jpeg.all(JpegMarkers.SOF0).getFirst();
        assertEquals(3, sos.u8(0));
        int[] scanIds = {sos.u8(1), sos.u8(3), sos.u8(5)};
        int[] frameIds = {sof.u8(6), sof.u8(9), sof.u8(12)};
        assertTrue(Arrays.equals(frameIds, scanIds), "scan components in frame order");
        assertTrue(jpeg.all(JpegMarkers.DRI).isEmpty(), "no restart interval");
    }
}
