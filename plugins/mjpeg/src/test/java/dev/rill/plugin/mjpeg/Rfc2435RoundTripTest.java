package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One table of frames run both ways: the payloader must produce exactly the packets the table
 * expects (built here by hand from literal header bytes and the JPEG's own tables and scan), and
 * the depayloader must turn those packets back into a JPEG with the same picture.
 */
class Rfc2435RoundTripTest {

    private static final int DEFAULT_MAX_PAYLOAD = 1400 - RtpPacket.HEADER_LENGTH;
    /** Main header + quantisation table header + two 8-bit tables. */
    private static final int FIRST_HEADERS = 8 + 4 + 128;

    /**
     * @param name          what the case shows
     * @param spec          the JPEG
     * @param maxPayload    the max payload size, from the scan's length
     * @param headerHex     the expected main header (and restart header) of the first packet
     * @param fragments     the expected number of packets
     */
    record Case(String name, Spec spec, IntUnaryOperator maxPayload, String headerHex, int fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        IntUnaryOperator standard = scan -> DEFAULT_MAX_PAYLOAD;
        return Stream.of(
                new Case("64x48 4:2:0 in one packet", Spec.of(64, 48), standard, "00000000 01FF0806", 1),
                new Case("320x240 4:2:0", Spec.of(320, 240), standard, "00000000 01FF281E", -1),
                new Case("100x75 4:2:0, size rounded up to 104x80", Spec.of(100, 75), standard, "00000000 01FF0D0A", -1),
                new Case("64x48 4:2:2", Spec.of(64, 48).sampling(2, 1), standard, "00000000 00FF0806", 1),
                new Case("320x240 4:2:0 with restart interval 4", Spec.of(320, 240).restart(4), standard,
                        "00000000 41FF281E 0004FFFF", -1),
                new Case("320x240 4:2:2 with restart interval 1", Spec.of(320, 240).sampling(2, 1).restart(1), standard,
                        "00000000 40FF281E 0001FFFF", -1),
                new Case("64x48 filling one packet exactly", Spec.of(64, 48), scan -> scan + FIRST_HEADERS,
                        "00000000 01FF0806", 1),
                new Case("64x48 one byte over one packet", Spec.of(64, 48), scan -> scan + FIRST_HEADERS - 1,
                        "00000000 01FF0806", 2),
                new Case("64x48 second packet filled exactly", Spec.of(64, 48), scan -> (scan + FIRST_HEADERS + 8) / 2,
                        "00000000 01FF0806", -1),
                new Case("1280x720 noise over 64 KB in many packets", Spec.of(1280, 720).noisy().quality(0.95f), standard,
                        "00000000 01FFA05A", -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void payloaderSendsTheExpectedPackets(Case c) {
        byte[] jpeg = c.spec().encode();
        int max = c.maxPayload().applyAsInt(JpegTestBytes.scan(jpeg).length);
        List<byte[]> expected = expectedPackets(c, jpeg, max);

        List<PayloadFragment> fragments = new Rfc2435Payloader("test", max).payload(new Frame(0, jpeg));

        assertEquals(expected.size(), fragments.size(), "packets");
        if (c.fragments() > 0) {
            assertEquals(c.fragments(), fragments.size(), "packets");
        }
        for (int i = 0; i < fragments.size(); i++) {
            PayloadFragment fragment = fragments.get(i);
            assertTrue(fragment.payload().isReadOnly());
            assertTrue(fragment.size() <= max, "packet " + i + " has " + fragment.size() + " > " + max + " bytes");
            assertEquals(i == fragments.size() - 1, fragment.marker(), "marker of packet " + i);
            assertArrayEquals(expected.get(i), JpegTestBytes.bytes(fragment.payload()), "packet " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void depayloaderRebuildsTheSamePicture(Case c) {
        byte[] jpeg = c.spec().encode();
        List<byte[]> packets = expectedPackets(c, jpeg, c.maxPayload().applyAsInt(JpegTestBytes.scan(jpeg).length));
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();

        Optional<ReceivedFrame> frame = Optional.empty();
        for (int i = 0; i < packets.size(); i++) {
            assertTrue(frame.isEmpty(), "frame before the last packet");
            frame = depayloader.push(new RtpPacket(i == packets.size() - 1, 26, i, 9000, 1, packets.get(i)));
        }

        assertTrue(frame.isPresent());
        assertEquals(9000, frame.get().timestamp());
        assertEquals(0, depayloader.framesDropped());
        BufferedImage original = JpegTestImages.decode(jpeg);
        BufferedImage received = JpegTestImages.decode(frame.get().data());
        assertEquals((c.spec().width() + 7) / 8 * 8, received.getWidth());
        assertEquals((c.spec().height() + 7) / 8 * 8, received.getHeight());
        if (received.getWidth() == original.getWidth() && received.getHeight() == original.getHeight()) {
            assertTrue(JpegTestImages.samePixels(original, received), "pixels differ");
        } else {
            // the decoder interpolates chroma up to the picture's edge, which moved: compare inside it
            int w = original.getWidth() - 1;
            int h = original.getHeight() - 1;
            assertTrue(JpegTestImages.samePixels(JpegTestImages.crop(original, w, h), JpegTestImages.crop(received, w, h)),
                    "pixels differ inside the original size");
        }
    }

    /** The packets RFC 2435 prescribes for {@code jpeg}, built from the case's literal header bytes. */
    private static List<byte[]> expectedPackets(Case c, byte[] jpeg, int max) {
        byte[] header = HexFormat.of().parseHex(c.headerHex().replace(" ", ""));
        byte[] scan = JpegTestBytes.scan(jpeg);
        List<byte[]> packets = new ArrayList<>();
        int offset = 0;
        do {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(header[0]);
            packet.write(offset >> 16);
            packet.write(offset >> 8);
            packet.write(offset);
            packet.write(header, 4, header.length - 4);
            if (offset == 0) {
                packet.writeBytes(new byte[] {0, 0, 0, (byte) 128});
                packet.writeBytes(JpegTestBytes.table(jpeg, 0));
                packet.writeBytes(JpegTestBytes.table(jpeg, 1));
            }
            int n = Math.min(scan.length - offset, max - packet.size());
            packet.write(scan, offset, n);
            offset += n;
            packets.add(packet.toByteArray());
        } while (offset < scan.length);
        return packets;
    }
}
