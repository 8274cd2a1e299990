package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rfc2435PayloaderTest {

    @Test
    void aFrameWithTheTablesOfAQualityFactorSendsThatQAndNoTables() {
        // ImageIO quality 0.75 = IJG quality 75: K.1 and K.2 halved, which is what Appendix A computes for Q 75
        byte[] jpeg = Spec.of(320, 240).quality(0.75f).encode();

        PayloadFragment first = new Rfc2435Payloader("test", 1388).payload(new Frame(0, jpeg)).getFirst();

        byte[] expected = HexFormat.of().parseHex("00000000" + "014B281E"); // offset 0, type 1, Q 75, 40 x 30
        byte[] payload = JpegTestBytes.bytes(first.payload());
        assertArrayEquals(expected, Arrays.copyOf(payload, 8));
        byte[] scan = JpegTestBytes.scan(jpeg);
        assertArrayEquals(Arrays.copyOf(scan, 16), Arrays.copyOfRange(payload, 8, 24), "the scan follows at once");
    }

    @Test
    void otherTablesTravelInBandWithQ255() {
        byte[] jpeg = Spec.of(320, 240).tables(Rfc2435RoundTripTest.mixed(75, 50)).encode();

        PayloadFragment first = new Rfc2435Payloader("test", 1388).payload(new Frame(0, jpeg)).getFirst();

        byte[] expected = HexFormat.of().parseHex(
                "00000000" + "01FF281E" // main header: offset 0, type 1, Q 255, 40 x 30
                        + "00000080" // quantisation table header: MBZ, precision 0, length 128
                        + "0806060706050807"); // K.1 zig-zag 16 11 12 14 12 10 16 14, halved (Q 75)
        assertArrayEquals(expected, Arrays.copyOf(JpegTestBytes.bytes(first.payload()), expected.length));
        byte[] chroma = Arrays.copyOfRange(JpegTestBytes.bytes(first.payload()), 12 + 64, 12 + 69);
        assertArrayEquals(HexFormat.of().parseHex("1112121815"), chroma); // K.2 zig-zag 17 18 18 24 21 (Q 50)
    }

    @Test
    void aFrameNeitherCarriableNorDecodableIsSkippedAndCountedAndTheNextOneIsSent() {
        // 12-bit samples (SOF1, precision 12): RFC 2435 carries 8-bit only, and ImageIO cannot decode them
        byte[] twelveBit = JpegTestBytes.sixteenBitTables(Spec.of(64, 48).encode());
        twelveBit[JpegTestBytes.findMarker(twelveBit, 0xC1) + 4] = 12;
        Rfc2435Payloader payloader = new Rfc2435Payloader("test", 1388);

        assertEquals(List.of(), payloader.payload(new Frame(0, twelveBit)));
        assertEquals(List.of(), payloader.payload(new Frame(1, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2})));
        assertEquals(2, payloader.framesSkipped());

        assertTrue(!payloader.payload(new Frame(2, Spec.of(64, 48).encode())).isEmpty());
        assertEquals(2, payloader.framesSkipped());
    }

    @Test
    void fragmentsShareOneReadOnlyArrayAndStartAtPositionZero() {
        List<PayloadFragment> fragments = new Rfc2435Payloader("test", 300).payload(new Frame(0, Spec.of(320, 240).encode()));

        assertTrue(fragments.size() > 10);
        for (PayloadFragment fragment : fragments) {
            assertTrue(fragment.payload().isReadOnly());
            assertEquals(0, fragment.payload().position());
            assertTrue(fragment.size() <= 300);
        }
        assertEquals(1, fragments.stream().filter(PayloadFragment::marker).count());
    }

    @Test
    void reencodedFrameIsCachedAndReturnedAgainWithoutWork() {
        Rfc2435Payloader payloader = new Rfc2435Payloader("test", 1388);
        Frame frame = new Frame(3, Spec.of(96, 64).sampling(1, 1).encode());

        List<PayloadFragment> first = payloader.payload(frame);
        List<PayloadFragment> second = payloader.payload(frame);

        assertSame(first, second);
        assertEquals(1, payloader.cachedFrames());
    }

    @Test
    void frameThatIsNotAJpegGivesNoFragments() {
        Rfc2435Payloader payloader = new Rfc2435Payloader("test", 1388);

        assertEquals(List.of(), payloader.payload(new Frame(0, new byte[] {1, 2, 3})));
        assertEquals(List.of(), payloader.payload(new Frame(1, Arrays.copyOf(Spec.of(64, 48).encode(), 300))));
    }

    @Test
    void maxPayloadTooSmallForTheFirstPacketsHeadersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc2435Payloader("test", Rfc2435Payloader.MIN_PAYLOAD_SIZE - 1));
        new Rfc2435Payloader("test", Rfc2435Payloader.MIN_PAYLOAD_SIZE);
    }

    @Test
    void smallestMaxPayloadStillCarriesARestartFrame() {
        byte[] jpeg = Spec.of(64, 48).restart(2).encode();
        List<PayloadFragment> fragments = new Rfc2435Payloader("test", Rfc2435Payloader.MIN_PAYLOAD_SIZE)
                .payload(new Frame(0, jpeg));

        assertEquals(Rfc2435Payloader.MIN_PAYLOAD_SIZE, fragments.getFirst().size());
        assertTrue(fragments.stream().allMatch(f -> f.size() <= Rfc2435Payloader.MIN_PAYLOAD_SIZE));
    }
}
