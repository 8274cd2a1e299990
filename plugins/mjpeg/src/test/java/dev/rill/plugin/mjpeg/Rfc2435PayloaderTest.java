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
    void firstPacketOfAKnownFrameHasTheHandComputedHeaders() {
        // ImageIO quality 0.75 = IJG quality 75: K.1 and K.2 halved; 320x240 4:2:0 = type 1, 40x30 blocks
        byte[] jpeg = Spec.of(320, 240).quality(0.75f).encode();

        PayloadFragment first = new Rfc2435Payloader("test", 1388).payload(new Frame(0, jpeg)).getFirst();

        byte[] expected = HexFormat.of().parseHex(
                "00000000" + "01FF281E" // main header: offset 0, type 1, Q 255, 40 x 30
                        + "00000080" // quantisation table header: MBZ, precision 0, length 128
                        + "0806060706050807"); // K.1 zig-zag 16 11 12 14 12 10 16 14, halved
        assertArrayEquals(expected, Arrays.copyOf(JpegTestBytes.bytes(first.payload()), expected.length));
        byte[] chroma = Arrays.copyOfRange(JpegTestBytes.bytes(first.payload()), 12 + 64, 12 + 69);
        assertArrayEquals(HexFormat.of().parseHex("0909090C0B"), chroma); // K.2 zig-zag 17 18 18 24 21, halved
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
