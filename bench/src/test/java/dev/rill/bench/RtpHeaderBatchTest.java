package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Batch reads of RTP headers on real loopback sockets: what recvmmsg reports matches what was
 * sent, and a receiver counts the same packets, bytes and foreign datagrams with batch reads as
 * with one read a datagram.
 */
class RtpHeaderBatchTest {

    private static final long SSRC = 0xCAFEF00DL;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static Optional<RtpHeaderBatch> batch() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && Runtime.version().feature() >= 22,
                "recvmmsg batch reads need Linux and Java 22+");
        StringBuilder why = new StringBuilder();
        Optional<RtpHeaderBatch> batch = RtpHeaderBatch.load(why);
        assertTrue(batch.isPresent(), why::toString); // surefire exports sun.nio.ch, as the scripts do
        return batch;
    }

    private static byte[] rtp(int sequence, boolean marker, long ssrc, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | 26)).putShort((short) sequence)
                .putInt(sequence * 4500).putInt((int) ssrc);
        return b.array();
    }

    @Test
    void readsEveryWaitingDatagramsHeaderAndWholeLength() throws Exception {
        try (RtpHeaderBatch batch = batch().orElseThrow(); DatagramChannel receiver = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open();
             Selector selector = Selector.open()) {
            receiver.bind(new InetSocketAddress(LOOPBACK, 0)).configureBlocking(false);
            sender.bind(new InetSocketAddress(LOOPBACK, 0)).connect(receiver.getLocalAddress());
            receiver.connect(sender.getLocalAddress());
            receiver.register(selector, 0); // as the receiver does: the selector holds the descriptor open
            int fd = batch.descriptor(receiver).orElseThrow();
            assertTrue(batch.watch(fd, 42));

            assertEquals(0, batch.poll());
            assertEquals(0, batch.read(fd)); // nothing waits: no block, no error
            int[] lengths = {1400, 12, 700, 1400, 65};
            for (int i = 0; i < lengths.length; i++) {
                sender.write(ByteBuffer.wrap(rtp(100 + i, i == lengths.length - 1, SSRC, lengths[i])));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> batch.poll() == 1);
            assertEquals(42, batch.token(0));
            int n = awaitRead(batch, fd);
            assertEquals(lengths.length, n);
            ByteBuffer h = batch.headers();
            for (int i = 0; i < n; i++) {
                int at = i * RtpHeaderBatch.SLOT;
                assertEquals(lengths[i], batch.length(i), "length of datagram " + i);
                assertTrue(RtpHeader.isVersion2(h.get(at)));
                assertEquals(100 + i, RtpHeader.sequence(h, at));
                assertEquals((100 + i) * 4500, RtpHeader.timestamp(h, at));
                assertEquals(SSRC, RtpHeader.ssrc(h, at));
                assertEquals(i == n - 1, RtpHeader.marker(h, at));
            }
            assertEquals(0, batch.read(fd));
            assertEquals(0, batch.poll()); // read empty: no longer ready

            // More than one call takes: the rest stays for the next.
            for (int i = 0; i < RtpHeaderBatch.CAPACITY + 3; i++) {
                sender.write(ByteBuffer.wrap(rtp(i, false, SSRC, 200)));
            }
            int[] total = new int[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                int got = batch.read(fd);
                assertTrue(got >= 0 && got <= RtpHeaderBatch.CAPACITY, "read " + got);
                total[0] += got;
                return total[0] >= RtpHeaderBatch.CAPACITY + 3;
            });
            assertEquals(RtpHeaderBatch.CAPACITY + 3, total[0]);
        }
    }

    /** Reads until a call returns datagrams (loopback queues them at once, but nothing promises it). */
    private static int awaitRead(RtpHeaderBatch batch, int fd) {
        int[] n = new int[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            n[0] = batch.read(fd);
            return n[0] != 0;
        });
        return n[0];
    }

    @Test
    void aReceiverCountsTheSameWithBatchReadsAsWithOneReadADatagram() throws Exception {
        Optional<RtpHeaderBatch> batch = batch();
        long[] perDatagram = receive(Optional.empty());
        long[] batched = receive(batch);
        assertEquals(perDatagram[0], batched[0], "packets");
        assertEquals(perDatagram[1], batched[1], "bytes");
        assertEquals(perDatagram[2], batched[2], "foreign");
        assertEquals(perDatagram[3], batched[3], "errors");
        assertEquals(30 * 4, batched[0]);
        assertEquals(5, batched[2]);
        assertEquals(1, batched[3]);
    }

    /** Sends one session 30 frames of 4 packets, 5 datagrams of another SSRC and one too short; {packets, bytes, foreign, errors}. */
    private static long[] receive(Optional<RtpHeaderBatch> batch) throws Exception {
        LoadSession session = new LoadSession(0);
        ReceiverLoop loop = new ReceiverLoop("test-receiver", StreamStats.Window.notYet(20, 90_000), 0, 1, 1_000_000, batch);
        try (UdpPair pair = UdpPair.open(LOOPBACK, 1 << 20); DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress from = (InetSocketAddress) server.getLocalAddress();
            pair.connect(from, new InetSocketAddress(LOOPBACK, from.getPort() + 1));
            session.udp(pair);
            session.established("s", "rtsp://127.0.0.1/x", SSRC);
            loop.add(session);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> session.rtpDescriptor() >= 0 || batch.isEmpty());
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, pair.rtpPort());
            int sequence = 0;
            for (int frame = 0; frame < 30; frame++) {
                if (frame % 6 == 1) {
                    server.send(ByteBuffer.wrap(rtp(9, true, SSRC + 1, 100)), to); // another stream's
                }
                if (frame == 29) {
                    server.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 26, 0}), to); // too short for RTP
                }
                for (int p = 0; p < 4; p++) {
                    server.send(ByteBuffer.wrap(rtp(sequence++, p == 3, SSRC, p == 3 ? 333 : 1400)), to);
                }
            }
            // One socket reads in order: once the last packet is counted, everything before it was read.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> loop.packets() >= 120);
        } finally {
            loop.close();
        }
        return new long[] {session.stats().received(), loop.bytes(), loop.foreign(), loop.errors()};
    }
}
