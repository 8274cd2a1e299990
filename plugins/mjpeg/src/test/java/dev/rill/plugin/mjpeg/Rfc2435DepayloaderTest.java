package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rfc2435DepayloaderTest {

    /** Tables in-band (Q 255), so that tests can rewrite the quantisation table header. */
    private static final byte[] JPEG = Spec.of(320, 240).inBandTables(0).encode();
    private static final int MAX_PAYLOAD = 600;

    private final Rfc2435Depayloader depayloader = new Rfc2435Depayloader();

    /** The payloads of {@link #JPEG}, as the payloader makes them. */
    private static List<byte[]> payloads(byte[] jpeg) {
        List<byte[]> out = new ArrayList<>();
        for (PayloadFragment fragment : new Rfc2435Payloader("test", MAX_PAYLOAD).payload(new Frame(0, jpeg))) {
            out.add(JpegTestBytes.bytes(fragment.payload()));
        }
        return out;
    }

    private Optional<ReceivedFrame> push(long timestamp, byte[] payload, boolean marker) {
        return depayloader.push(new RtpPacket(marker, 26, 0, timestamp, 7, payload));
    }

    /** Pushes a whole frame; the frame that comes out, if any. */
    private Optional<ReceivedFrame> pushFrame(long timestamp, List<byte[]> payloads) {
        Optional<ReceivedFrame> out = Optional.empty();
        for (int i = 0; i < payloads.size(); i++) {
            out = push(timestamp, payloads.get(i), i == payloads.size() - 1);
        }
        return out;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void completeFrameComesOutWithItsTimestamp() {
        List<byte[]> payloads = payloads(JPEG);
        assertTrue(payloads.size() > 3);

        Optional<ReceivedFrame> frame = pushFrame(1234, payloads);

        assertEquals(1234, frame.orElseThrow().timestamp());
        assertTrue(JpegTestImages.samePixels(JpegTestImages.decode(JPEG), JpegTestImages.decode(frame.get().data())));
    }

    @Test
    void missingMiddleFragmentDropsTheFrameOnceAndTheNextFrameIsFine() {
        List<byte[]> payloads = payloads(JPEG);
        List<byte[]> lossy = new ArrayList<>(payloads);
        lossy.remove(2);

        assertTrue(pushFrame(1000, lossy).isEmpty());
        assertEquals(1, depayloader.framesDropped());
        assertTrue(pushFrame(4000, payloads).isPresent());
        assertEquals(1, depayloader.framesDropped());
    }

    @Test
    void missingFirstFragmentDropsTheFrame() {
        List<byte[]> payloads = payloads(JPEG);

        assertTrue(pushFrame(1000, payloads.subList(1, payloads.size())).isEmpty());
        assertEquals(1, depayloader.framesDropped());
    }

    @Test
    void newTimestampBeforeTheMarkerDropsTheIncompleteFrame() {
        List<byte[]> payloads = payloads(JPEG);
        push(1000, payloads.get(0), false);
        push(1000, payloads.get(1), false);

        Optional<ReceivedFrame> frame = pushFrame(4000, payloads);

        assertEquals(4000, frame.orElseThrow().timestamp());
        assertEquals(1, depayloader.framesDropped());
    }

    @Test
    void duplicateOfADeliveredFrameIsIgnoredNotCounted() {
        List<byte[]> payloads = payloads(JPEG);
        pushFrame(1000, payloads);

        assertTrue(push(1000, payloads.getLast(), true).isEmpty());
        assertEquals(0, depayloader.framesDropped());
    }

    @Test
    void garbagePacketsAreDroppedAndCountedWithoutException() {
        assertTrue(push(1, new byte[0], true).isEmpty());
        assertTrue(push(2, hex("000000 01FF28"), true).isEmpty()); // short header
        assertTrue(push(3, hex("00000000 07FF281E 00"), true).isEmpty()); // type 7
        assertTrue(push(4, hex("00000000 01FF001E 00"), true).isEmpty()); // width 0
        assertTrue(push(5, hex("00000000 01801E1E 00000000 00"), true).isEmpty()); // Q 128, no tables yet
        assertTrue(push(6, hex("00000000 01FF281E 00000080 0102"), true).isEmpty()); // tables cut short
        assertTrue(push(7, hex("00000000 41FF281E 00"), true).isEmpty()); // restart header cut short

        assertEquals(7, depayloader.framesDropped());
        assertTrue(pushFrame(8, payloads(JPEG)).isPresent());
    }

    @Test
    void randomPacketsNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(300)];
            random.nextBytes(payload);
            if (payload.length > 8 && random.nextBoolean()) {
                payload[4] = (byte) random.nextInt(2); // often a valid type, to get further in
                payload[1] = payload[2] = payload[3] = 0;
            }
            depayloader.push(new RtpPacket(random.nextBoolean(), 26, i & 0xFFFF, random.nextInt(4), 7, payload));
        }
        assertTrue(depayloader.framesDropped() > 0);
    }

    @Test
    void qBelow128BuildsTheAppendixATablesIntoTheDqt() {
        byte[] scan = JpegTestBytes.scan(JPEG);
        byte[] packet = new byte[8 + scan.length];
        System.arraycopy(hex("00000000 0132281E"), 0, packet, 0, 8); // Q 50
        System.arraycopy(scan, 0, packet, 8, scan.length);

        byte[] jfif = push(9, packet, true).orElseThrow().data();

        int dqt = JpegTestBytes.findMarker(jfif, 0xDB);
        // id 0, then K.1 in zig-zag order unscaled: 16 11 12 14 12 10 16 14
        assertArrayEquals(hex("00 100B0C0E0C0A100E"), Arrays.copyOfRange(jfif, dqt + 4, dqt + 13));
        assertEquals(320, JpegTestImages.decode(jfif).getWidth());
    }

    @Test
    void tablesSentOnceForQ128To254AreReusedWhenLaterFramesLeaveThemOut() {
        List<byte[]> first = new ArrayList<>();
        for (byte[] payload : payloads(JPEG)) {
            first.add(withQ(payload, 200));
        }
        List<byte[]> later = new ArrayList<>(first);
        byte[] withTables = first.getFirst();
        later.set(0, concat(Arrays.copyOf(withTables, 8), new byte[] {0, 0, 0, 0},
                Arrays.copyOfRange(withTables, 8 + 4 + 128, withTables.length)));

        assertTrue(pushFrame(100, first).isPresent());
        Optional<ReceivedFrame> frame = pushFrame(200, later);

        assertTrue(JpegTestImages.samePixels(JpegTestImages.decode(JPEG), JpegTestImages.decode(frame.orElseThrow().data())));
    }

    @Test
    void qChangingInsideAFrameDropsIt() {
        List<byte[]> payloads = new ArrayList<>(payloads(JPEG));
        payloads.set(1, withQ(payloads.get(1), 254));

        assertTrue(pushFrame(100, payloads).isEmpty());
        assertEquals(1, depayloader.framesDropped());
    }

    @Test
    void restartTypesWriteADriSegment() {
        byte[] jpeg = Spec.of(64, 48).restart(2).inBandTables(0).encode();
        byte[] jfif = pushFrame(1, payloads(jpeg)).orElseThrow().data();

        int dri = JpegTestBytes.findMarker(jfif, 0xDD);
        assertArrayEquals(hex("FFDD 0004 0002"), Arrays.copyOfRange(jfif, dri, dri + 6));
        assertTrue(JpegTestImages.samePixels(JpegTestImages.decode(jpeg), JpegTestImages.decode(jfif)));
    }

    @Test
    void dataThatEndsWithEoiGetsNoSecondEoi() {
        byte[] scan = JpegTestBytes.scan(JPEG);
        byte[] packet = concat(hex("00000000 0132281E"), scan, hex("FFD9"));

        byte[] jfif = push(9, packet, true).orElseThrow().data();

        assertEquals(0xD9, jfif[jfif.length - 1] & 0xFF);
        assertTrue((jfif[jfif.length - 3] & 0xFF) != 0xD9 || (jfif[jfif.length - 4] & 0xFF) != 0xFF);
    }

    /**
     * The payloads another sender would make of {@code jpeg}: {@code header} (main header, and
     * restart header for types 64..127, fragment offset filled in per packet), {@code tables}
     * (quantisation table header and data, may be empty) in the first, {@code size} bytes of scan
     * per packet.
     */
    private static List<byte[]> foreignPayloads(byte[] jpeg, String header, byte[] tables, int size) {
        byte[] main = hex(header);
        byte[] scan = JpegTestBytes.scan(jpeg);
        List<byte[]> out = new ArrayList<>();
        for (int offset = 0; offset < scan.length; offset += size) {
            byte[] h = main.clone();
            h[1] = (byte) (offset >> 16);
            h[2] = (byte) (offset >> 8);
            h[3] = (byte) offset;
            out.add(concat(h, offset == 0 ? tables : new byte[0],
                    Arrays.copyOfRange(scan, offset, Math.min(scan.length, offset + size))));
        }
        return out;
    }

    private static byte[] tableHeader(byte[]... tables) {
        int length = 0;
        for (byte[] t : tables) {
            length += t.length;
        }
        return concat(new byte[] {0, 0, (byte) (length >> 8), (byte) length}, concat(tables));
    }

    private static boolean samePicture(byte[] a, byte[] b) {
        return JpegTestImages.samePixels(JpegTestImages.decode(a), JpegTestImages.decode(b));
    }

    @Test
    void ffmpegsSingle64ByteTableServesLuminanceAndChrominance() {
        byte[] jpeg = JpegTestBytes.singleQuantTable(Spec.of(320, 240).tables(Rfc2435RoundTripTest.mixed(85, 85)).encode());
        List<byte[]> payloads = foreignPayloads(jpeg, "00000000 01FF281E", tableHeader(JpegTestBytes.table(jpeg, 0)), 900);

        byte[] jfif = pushFrame(1, payloads).orElseThrow().data();

        assertTrue(samePicture(jpeg, jfif));
        int dqt = JpegTestBytes.findMarker(jfif, 0xDB);
        assertArrayEquals(JpegTestBytes.table(jpeg, 0), JpegTestBytes.table(jfif, 1), "chrominance = the one table");
        assertTrue(dqt > 0);
    }

    @Test
    void newInBandTablesForTheSameQAreTakenAndTheNewestAreReusedWhenLeftOut() {
        byte[] a = Spec.of(160, 120).inBandTables(0).encode();
        byte[] b = Spec.of(160, 120).inBandTables(40).encode();
        byte[] tablesA = tableHeader(JpegTestBytes.table(a, 0), JpegTestBytes.table(a, 1));
        byte[] tablesB = tableHeader(JpegTestBytes.table(b, 0), JpegTestBytes.table(b, 1));
        byte[] none = {0, 0, 0, 0};

        assertTrue(samePicture(a, pushFrame(1000, foreignPayloads(a, "00000000 01C8140F", tablesA, 700)).orElseThrow().data()));
        assertTrue(samePicture(a, pushFrame(2000, foreignPayloads(a, "00000000 01C8140F", none, 700)).orElseThrow().data()));
        // the camera changes its tables mid-stream but keeps Q 200
        assertTrue(samePicture(b, pushFrame(3000, foreignPayloads(b, "00000000 01C8140F", tablesB, 700)).orElseThrow().data()));
        assertTrue(samePicture(b, pushFrame(4000, foreignPayloads(b, "00000000 01C8140F", none, 700)).orElseThrow().data()),
                "length 0 reuses the newest tables of Q 200");
        assertEquals(0, depayloader.framesDropped());
    }

    @Test
    void q255WithoutTablesIsDroppedEvenAfterAFrameThatHadThem() {
        byte[] a = Spec.of(160, 120).inBandTables(0).encode();
        byte[] tables = tableHeader(JpegTestBytes.table(a, 0), JpegTestBytes.table(a, 1));

        assertTrue(pushFrame(1000, foreignPayloads(a, "00000000 01FF140F", tables, 700)).isPresent());
        assertTrue(pushFrame(2000, foreignPayloads(a, "00000000 01FF140F", new byte[] {0, 0, 0, 0}, 700)).isEmpty());

        assertEquals(1, depayloader.framesDropped(), "Q 255 tables are per frame (RFC 2435 §3.1.8)");
    }

    @Test
    void restartHeadersWithRealCountsAsGstreamerSendsThemAreTaken() {
        // GStreamer's rtpjpegpay ends packets on restart intervals and numbers them; offsets still add up
        byte[] jpeg = Spec.of(160, 120).restart(5).rfcQ(60).encode();
        List<byte[]> payloads = foreignPayloads(jpeg, "00000000 413C140F 0005C000", new byte[0], 400);
        for (int i = 0; i < payloads.size(); i++) {
            payloads.get(i)[10] = (byte) (0xC0 | i >> 8);   // F = L = 1, count i
            payloads.get(i)[11] = (byte) i;
        }

        byte[] jfif = pushFrame(1, payloads).orElseThrow().data();

        assertTrue(samePicture(jpeg, jfif));
        int dri = JpegTestBytes.findMarker(jfif, 0xDD);
        assertArrayEquals(hex("FFDD 0004 0005"), Arrays.copyOfRange(jfif, dri, dri + 6), "DRI rebuilt on the way in");
    }

    @Test
    void aFrameThatNeverEndsIsDroppedAtTheLimitWithItsBufferBoundedAndTheNextFrameComes() {
        // a sender that never sets the marker: 300 packets of 60,000 bytes, offsets wrapping at 24 bits
        byte[] chunk = new byte[60_000];
        for (int i = 0; i < 300; i++) {
            int offset = (i * chunk.length) & Rfc2435Header.MAX_FRAGMENT_OFFSET;
            byte[] header = hex("00000000 0132281E");
            header[1] = (byte) (offset >> 16);
            header[2] = (byte) (offset >> 8);
            header[3] = (byte) offset;
            assertTrue(push(777, concat(header, chunk), false).isEmpty());
        }
        assertEquals(1, depayloader.framesDropped());
        assertTrue(depayloader.bufferCapacity() <= Rfc2435Depayloader.MAX_FRAME_BYTES,
                "buffer " + depayloader.bufferCapacity());

        assertTrue(pushFrame(900_000, payloads(JPEG)).isPresent());
        assertEquals(1, depayloader.framesDropped());
    }

    private static byte[] withQ(byte[] payload, int q) {
        byte[] out = payload.clone();
        out[5] = (byte) q;
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int p = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }
}
