package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.VideoSize;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** RFC 2435 reassembly into a scan hash, and matching frames with the publisher's send times. */
class ScanHashTest {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static long fnv(byte[] b, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** The entropy-coded data of a one-scan baseline JPEG, found independently: after the SOS segment, before EOI. */
    private static long scanHashOfJpeg(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; ) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xDA) {
                int start = i + 2 + length;
                assertEquals(0xFF, jpeg[jpeg.length - 2] & 0xFF);
                assertEquals(0xD9, jpeg[jpeg.length - 1] & 0xFF);
                return fnv(jpeg, start, jpeg.length - 2);
            }
            i += 2 + length;
        }
        throw new AssertionError("no SOS");
    }

    private static List<PayloadFragment> payloads(byte[] jpeg, int maxPayload) {
        RtpPayloadFormat jpegFormat = ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst().orElseThrow();
        List<PayloadFragment> p = jpegFormat.payloader(new StillSource(jpeg, new VideoSize(320, 240), "test"), maxPayload)
                .payload(new Frame(0, jpeg));
        assertFalse(p.isEmpty());
        return p;
    }

    private static boolean feed(ScanHash scan, List<PayloadFragment> fragments) {
        boolean whole = false;
        for (PayloadFragment f : fragments) {
            whole = scan.payload(f.payload(), f.marker());
        }
        return whole;
    }

    @Test
    void theHashOfTheServersPayloadsIsTheHashOfTheScanData() {
        byte[] jpeg = TestJpegs.jpeg(320, 240, 6, 0.75f, 7);
        for (int max : new int[] {200, 1388, 65_000}) {
            ScanHash scan = new ScanHash();
            List<PayloadFragment> fragments = payloads(jpeg, max);
            assertTrue(feed(scan, fragments), "max payload " + max);
            assertEquals(scanHashOfJpeg(jpeg), scan.hash(), "max payload " + max);
            assertEquals(1, scan.completed());
        }
    }

    @Test
    void aMissingPacketBreaksOnlyItsFrame() {
        byte[] jpeg = TestJpegs.jpeg(320, 240, 6, 0.75f, 8);
        List<PayloadFragment> fragments = payloads(jpeg, 300);
        assertTrue(fragments.size() >= 4);
        ScanHash scan = new ScanHash();
        List<PayloadFragment> lossy = new ArrayList<>(fragments);
        lossy.remove(2);
        assertFalse(feed(scan, lossy));
        assertEquals(1, scan.broken());
        List<PayloadFragment> firstLost = fragments.subList(1, fragments.size());
        assertFalse(feed(scan, firstLost));
        assertEquals(2, scan.broken());
        assertTrue(feed(scan, fragments));
        assertEquals(scanHashOfJpeg(jpeg), scan.hash());
        assertEquals(1, scan.completed());
    }

    @Test
    void restartHeadersAndTablesFromQBelow128AreSkippedByTheirRfcLengths() {
        // Type 65 (4:2:0 with restart markers), Q 50 (no table header), then Q 255 with a 2-byte "table".
        byte[] first = {0, 0, 0, 0, 65, 50, 40, 30, 0, 4, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        byte[] second = {0, 0, 0, 3, 65, 50, 40, 30, 0, 4, (byte) 0xFF, (byte) 0xFF, 4, 5};
        ScanHash scan = new ScanHash();
        assertFalse(scan.payload(ByteBuffer.wrap(first), false));
        assertTrue(scan.payload(ByteBuffer.wrap(second), true));
        assertEquals(fnv(new byte[] {1, 2, 3, 4, 5}, 0, 5), scan.hash());
        byte[] tables = {0, 0, 0, 0, 1, (byte) 255, 40, 30, 0, 8, 0, 2, 9, 9, 6, 7};
        assertTrue(scan.payload(ByteBuffer.wrap(tables), true));
        assertEquals(fnv(new byte[] {6, 7}, 0, 2), scan.hash());
        assertFalse(scan.payload(ByteBuffer.wrap(new byte[] {0, 0, 0}), true)); // shorter than the main header
        assertEquals(1, scan.broken());
    }

    @Test
    void publishedPicturesDifferAndTheirSendTimesAreFoundByHash() {
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(160, 120), 12, 0.75f);
        SendTimes times = new SendTimes(cycle.hashes());
        for (int i = 0; i < cycle.count(); i++) {
            ScanHash scan = new ScanHash();
            assertTrue(feed(scan, cycle.frames().get(i)));
            assertEquals(cycle.hashes()[i], scan.hash());
            assertEquals(0, times.sentAt(scan.hash()), "not sent yet");
            times.sent(i, 1000 + i);
            assertEquals(1000 + i, times.sentAt(scan.hash()));
        }
        assertNotEquals(cycle.hashes()[0], cycle.hashes()[1]);
        assertEquals(0, times.sentAt(12345));
        assertThrows(IllegalArgumentException.class, () -> new SendTimes(new long[] {5, 6, 5}));
    }

    /** An RTP packet (RFC 3550 §5.1) with one CSRC around {@code payload}. */
    private static byte[] rtp(int sequence, boolean marker, ByteBuffer payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x81, (byte) ((marker ? 0x80 : 0) | 26), (byte) (sequence >> 8), (byte) sequence,
                0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3});
        byte[] p = new byte[payload.remaining()];
        payload.duplicate().get(p);
        out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void aViewerMatchesWholeFramesInTheWindowWithTheirSendTime() {
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(320, 240), 2, 0.75f);
        SendTimes times = new SendTimes(cycle.hashes());
        FrameLatency latency = new FrameLatency(times);
        LatencyHistogram histogram = new LatencyHistogram();
        long now = System.nanoTime();
        StreamStats.Window window = StreamStats.Window.notYet(25, 90_000).opened(now - 1_000_000_000L, 60_000_000_000L);
        times.sent(0, now - 5_000_000);
        int seq = 0;
        for (int frame : new int[] {0, 1}) { // picture 1 was never sent: unknown
            for (PayloadFragment f : cycle.frames().get(frame)) {
                latency.packet(ByteBuffer.wrap(rtp(seq++, f.marker(), f.payload())), window, histogram);
            }
        }
        assertEquals(1, latency.matched());
        assertEquals(1, latency.unknown());
        assertEquals(1, histogram.count());
        assertTrue(histogram.min() >= 5_000_000, histogram.toString());
        times.sent(0, System.nanoTime() + 1_000_000_000L); // sent again "later": this arrival is a cycle late
        for (PayloadFragment f : cycle.frames().get(0)) {
            latency.packet(ByteBuffer.wrap(rtp(seq++, f.marker(), f.payload())), window, histogram);
        }
        assertEquals(1, latency.stale());
    }

    @Test
    void theInterleavedParserHandsWholePacketsToASampledSession() throws Exception {
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(320, 240), 1, 0.75f);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int seq = 0;
        for (PayloadFragment f : cycle.frames().get(0)) {
            byte[] packet = rtp(seq++, f.marker(), f.payload());
            wire.writeBytes(new byte[] {'$', 0, (byte) (packet.length >> 8), (byte) packet.length});
            wire.writeBytes(packet);
            wire.writeBytes(new byte[] {'$', 1, 0, 2, 7, 7}); // RTCP between
        }
        ScanHash scan = new ScanHash();
        List<Long> hashes = new ArrayList<>();
        InterleavedParser parser = new InterleavedParser(0, new InterleavedParser.Listener() {
            @Override
            public void rtp(int sequence, boolean marker, int timestamp) {
            }

            @Override
            public boolean wantsPackets() {
                return true;
            }

            @Override
            public void packet(ByteBuffer packet) {
                int header = 12 + 4 * (packet.get(0) & 0x0F);
                boolean marker = (packet.get(1) & 0x80) != 0;
                if (scan.payload(packet.duplicate().position(header), marker)) {
                    hashes.add(scan.hash());
                }
            }

            @Override
            public void otherFrame(int channel, int length) {
            }

            @Override
            public void response(dev.rill.spi.RtspResponse response) {
            }
        });
        byte[] bytes = wire.toByteArray();
        for (int i = 0; i < bytes.length; i += 5) {
            parser.feed(ByteBuffer.wrap(bytes, i, Math.min(5, bytes.length - i)));
        }
        assertEquals(List.of(cycle.hashes()[0]), hashes);
    }
}
