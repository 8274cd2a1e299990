package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
 * the depayloader must turn those packets back into a JPEG with the same picture. A Q below 128
 * in the expected header means no quantisation table header (the receiver computes the tables);
 * Q 255 means the JPEG's two tables follow in the first packet.
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

        byte[] jpeg() {
            byte[] jpeg = spec.encode();
            return name.contains("ffmpeg") ? JpegTestBytes.singleQuantTable(jpeg) : jpeg;
        }
    }

    static Stream<Case> cases() {
        IntUnaryOperator standard = scan -> DEFAULT_MAX_PAYLOAD;
        return Stream.of(
                // type 1 (4:2:0) and type 0 (4:2:2, webcams)
                new Case("64x48 4:2:0 Q 75 in one packet", Spec.of(64, 48).rfcQ(75), standard, "00000000 014B0806", 1),
                new Case("320x240 4:2:0 Q 75", Spec.of(320, 240).rfcQ(75), standard, "00000000 014B281E", -1),
                new Case("320x240 4:2:0 tables in-band", Spec.of(320, 240).inBandTables(0), standard, "00000000 01FF281E", -1),
                new Case("100x75 4:2:0, size rounded up to 104x80", Spec.of(100, 75).rfcQ(75), standard, "00000000 014B0D0A", -1),
                new Case("64x48 4:2:2 Q 75", Spec.of(64, 48).sampling(2, 1).rfcQ(75), standard, "00000000 004B0806", 1),
                new Case("320x240 4:2:2 tables in-band", Spec.of(320, 240).sampling(2, 1).inBandTables(0), standard,
                        "00000000 00FF281E", -1),
                // restart markers: types 64 and 65 with the restart marker header
                new Case("320x240 4:2:0 with restart interval 4, Q 75", Spec.of(320, 240).restart(4).rfcQ(75), standard,
                        "00000000 414B281E 0004FFFF", -1),
                new Case("320x240 4:2:2 with restart interval 1, tables in-band",
                        Spec.of(320, 240).sampling(2, 1).restart(1).inBandTables(0), standard, "00000000 40FF281E 0001FFFF", -1),
                new Case("320x240 4:2:2 with restart interval 20, Q 99", Spec.of(320, 240).sampling(2, 1).restart(20).rfcQ(99),
                        standard, "00000000 4063281E 0014FFFF", -1),
                // Q 1..99: tables computed from the quality factor, none sent
                new Case("320x240 Q 1", Spec.of(320, 240).rfcQ(1), standard, "00000000 0101281E", -1),
                new Case("320x240 Q 20", Spec.of(320, 240).rfcQ(20), standard, "00000000 0114281E", -1),
                new Case("320x240 Q 50", Spec.of(320, 240).rfcQ(50), standard, "00000000 0132281E", -1),
                new Case("320x240 Q 99", Spec.of(320, 240).rfcQ(99), standard, "00000000 0163281E", -1),
                new Case("320x240 4:2:2 Q 50", Spec.of(320, 240).sampling(2, 1).rfcQ(50), standard, "00000000 0032281E", -1),
                // Q 255: tables that no Q computes travel in-band, in the first packet only
                new Case("320x240 Q 90 for Y with Q 75 for Cb, Cr: in-band",
                        Spec.of(320, 240).tables(mixed(90, 75)), standard, "00000000 01FF281E", -1),
                new Case("320x240 one table for Y, Cb and Cr (ffmpeg's shape): sent twice, in-band",
                        Spec.of(320, 240).tables(mixed(80, 80)), standard, "00000000 01FF281E", -1),
                // packet boundaries
                new Case("64x48 filling one packet exactly", Spec.of(64, 48).inBandTables(0), scan -> scan + FIRST_HEADERS,
                        "00000000 01FF0806", 1),
                new Case("64x48 one byte over one packet", Spec.of(64, 48).inBandTables(0), scan -> scan + FIRST_HEADERS - 1,
                        "00000000 01FF0806", 2),
                new Case("64x48 second packet filled exactly", Spec.of(64, 48).inBandTables(0),
                        scan -> (scan + FIRST_HEADERS + 8) / 2, "00000000 01FF0806", -1),
                new Case("64x48 Q 75 filling one packet exactly", Spec.of(64, 48).rfcQ(75), scan -> scan + 8,
                        "00000000 014B0806", 1),
                new Case("64x48 Q 75 one byte over one packet", Spec.of(64, 48).rfcQ(75), scan -> scan + 7,
                        "00000000 014B0806", 2),
                new Case("1280x720 noise over 64 KB in many packets, Q 95", Spec.of(1280, 720).noisy().rfcQ(95), standard,
                        "00000000 015FA05A", -1),
                new Case("1280x720 noise over 64 KB in many packets, tables in-band", Spec.of(1280, 720).noisy().inBandTables(3),
                        standard, "00000000 01FFA05A", -1));
    }

    /** Q {@code luma}'s luminance table with Q {@code chroma}'s chrominance table. */
    static Rfc2435QuantTables mixed(int luma, int chroma) {
        byte[] data = new byte[2 * JpegTables.BLOCK_SIZE];
        for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
            data[i] = (byte) Rfc2435QuantTables.forQ(luma).luminance(i);
            data[JpegTables.BLOCK_SIZE + i] = (byte) (luma == chroma ? data[i] : Rfc2435QuantTables.forQ(chroma).chrominance(i));
        }
        return new Rfc2435QuantTables(0, data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void payloaderSendsTheExpectedPackets(Case c) {
        byte[] jpeg = c.jpeg();
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
        byte[] jpeg = c.jpeg();
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

    /**
     * A stream whose tables change from frame to frame (a camera adjusting its quality): each
     * frame's first packet says its own Q, or carries its own tables, and one depayloader takes
     * each frame with its tables, never the previous frame's.
     */
    @Test
    void aStreamWhoseTablesChangeMidStreamRoundTripsFrameByFrame() {
        List<Spec> specs = List.of(Spec.of(160, 120).rfcQ(75), Spec.of(160, 120).inBandTables(0),
                Spec.of(160, 120).inBandTables(9), Spec.of(160, 120).rfcQ(30), Spec.of(160, 120).inBandTables(0),
                Spec.of(160, 120).rfcQ(75));
        int[] expectedQ = {75, 255, 255, 30, 255, 75};
        Rfc2435Payloader payloader = new Rfc2435Payloader("test", 500);
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();
        int sequence = 0;
        for (int n = 0; n < specs.size(); n++) {
            byte[] jpeg = specs.get(n).encode();
            List<PayloadFragment> fragments = payloader.payload(new Frame(n, jpeg));
            byte[] first = JpegTestBytes.bytes(fragments.getFirst().payload());
            assertEquals(expectedQ[n], first[5] & 0xFF, "Q of frame " + n);
            if (expectedQ[n] == 255) {
                assertArrayEquals(JpegTestBytes.table(jpeg, 0), Arrays.copyOfRange(first, 12, 12 + 64), "frame " + n);
            }
            Optional<ReceivedFrame> frame = Optional.empty();
            for (PayloadFragment fragment : fragments) {
                frame = depayloader.push(new RtpPacket(fragment.marker(), 26, sequence++, 3000L * n, 1,
                        JpegTestBytes.bytes(fragment.payload())));
            }
            byte[] received = frame.orElseThrow(() -> new AssertionError("no frame")).data();
            assertTrue(JpegTestImages.samePixels(JpegTestImages.decode(jpeg), JpegTestImages.decode(received)),
                    "frame " + n + " decodes with its own tables");
        }
        assertEquals(0, depayloader.framesDropped());
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
            if (offset == 0 && (header[5] & 0xFF) >= 128) {
                packet.writeBytes(new byte[] {0, 0, 0, (byte) 128});
                packet.writeBytes(JpegTestBytes.table(jpeg, JpegTestBytes.componentTable(jpeg, 0)));
                packet.writeBytes(JpegTestBytes.table(jpeg, JpegTestBytes.componentTable(jpeg, 1)));
            }
            int n = Math.min(scan.length - offset, max - packet.size());
            packet.write(scan, offset, n);
            offset += n;
            packets.add(packet.toByteArray());
        } while (offset < scan.length);
        return packets;
    }
}
