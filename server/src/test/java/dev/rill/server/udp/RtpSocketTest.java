package dev.rill.server.udp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rill.spi.PayloadFragment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every send path delivers the same datagrams: each packet (12-byte header, payload) arrives
 * alone and byte for byte, in order, whatever the frames' packet sizes and however many
 * sessions share a batch; a destination that refuses stops only its own frames.
 */
class RtpSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /**
     * The high half of every SSRC sent here. Datagrams with another one are ignored: on a shared
     * machine other programs' RTP may reach a loopback port that one of their clients had before.
     */
    private static final int TEST_SSRC = 0x7E57;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A socket on {@code path}; the native ones only where this JVM and kernel have them. */
    private RtpSocket socket(SendPath path) throws Exception {
        if (path.isNative()) {
            StringBuilder why = new StringBuilder();
            assumeTrue(NativeUdp.load(why).isPresent(), "no native send path here: " + why);
        }
        RtpSockets sockets = RtpSockets.choose(path);
        if (path == SendPath.GSO) {
            assumeTrue(sockets.path() == SendPath.GSO, "the kernel refuses UDP_SEGMENT here");
        }
        RtpSocket socket = sockets.open(LOOPBACK, 0, false, 4 << 20);
        open.add(socket);
        assertEquals(path, socket.path());
        return socket;
    }

    private DatagramChannel receiver() throws Exception {
        DatagramChannel c = DatagramChannel.open();
        open.add(c);
        c.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        c.bind(new InetSocketAddress(LOOPBACK, 0)).configureBlocking(false);
        return c;
    }

    /** Packets of the given payload sizes, the marker on the last, payload bytes from {@code seed}. */
    private static List<PayloadFragment> frame(int seed, int... sizes) {
        List<PayloadFragment> list = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(sizes[i]);
            for (int k = 0; k < sizes[i]; k++) {
                b.put(k, (byte) (seed * 31 + i * 7 + k));
            }
            list.add(new PayloadFragment(b, i == sizes.length - 1));
        }
        return list;
    }

    /**
     * RTP headers as a sender writes them: version 2, PT 26, consecutive sequence numbers, an
     * SSRC of this test's ({@link #TEST_SSRC} in its high half).
     */
    private static ByteBuffer headers(List<PayloadFragment> fragments, int firstSequence, int session) {
        int ssrc = TEST_SSRC << 16 | session;
        ByteBuffer h = ByteBuffer.allocate(12 * fragments.size());
        for (int i = 0; i < fragments.size(); i++) {
            h.put((byte) 0x80).put((byte) ((fragments.get(i).marker() ? 0x80 : 0) | 26))
                    .putShort((short) (firstSequence + i)).putInt(90_000).putInt(ssrc);
        }
        return h.flip();
    }

    /** The datagram packet {@code i} must arrive as. */
    private static byte[] expected(ByteBuffer headers, PayloadFragment fragment, int i) {
        byte[] out = new byte[12 + fragment.size()];
        headers.get(12 * i, out, 0, 12);
        fragment.payload().get(0, out, 12, fragment.size());
        return out;
    }

    private static List<byte[]> receive(DatagramChannel c, int count) {
        List<byte[]> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(65_536);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(() -> {
            for (b.clear(); c.receive(b) != null; b.clear()) {
                if (b.position() >= 12 && b.getShort(8) == TEST_SSRC) {
                    got.add(Arrays.copyOf(b.array(), b.position()));
                }
            }
            return got.size() >= count;
        });
        return got;
    }

    private static void assertDelivered(List<byte[]> got, List<List<PayloadFragment>> frames, List<ByteBuffer> headers) {
        int k = 0;
        for (int f = 0; f < frames.size(); f++) {
            for (int i = 0; i < frames.get(f).size(); i++, k++) {
                assertArrayEquals(expected(headers.get(f), frames.get(f).get(i), i), got.get(k), "frame " + f + " packet " + i);
            }
        }
        assertEquals(k, got.size(), "no datagram more");
    }

    @ParameterizedTest
    @EnumSource(names = {"GSO", "SENDMMSG", "PORTABLE"})
    void framesOfOneAndOfManyUnequalPacketsArriveAsSeparateIdenticalDatagrams(SendPath path) throws Exception {
        RtpSocket socket = socket(path);
        DatagramChannel client = receiver();
        InetSocketAddress to = (InetSocketAddress) client.getLocalAddress();
        List<List<PayloadFragment>> frames = List.of(
                frame(1, 1388),                                  // one packet
                frame(2, 1388, 1388, 1388, 517),                 // RFC 2435: full packets, a shorter last
                frame(3, 700, 1388, 1388, 1388, 90),             // a short first one ends its run
                frame(4, 100, 1388, 1388, 40, 1388, 1388, 1388), // a longer one after a shorter run
                frame(5, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 100), // past 64 KiB of one send
                frame(6, 1));
        List<ByteBuffer> headers = new ArrayList<>();
        int sequence = 65_530;  // wraps within the frames
        for (int f = 0; f < frames.size(); f++) {
            headers.add(headers(frames.get(f), sequence, 0x1234));
            sequence += frames.get(f).size();
            assertEquals(f, socket.queue(to, headers.get(f), frames.get(f)));
        }
        List<String> refused = new ArrayList<>();
        socket.flush((frame, why) -> refused.add(frame + ": " + why));
        assertEquals(List.of(), refused);
        int packets = frames.stream().mapToInt(List::size).sum();
        assertDelivered(receive(client, packets), frames, headers);
    }

    @ParameterizedTest
    @EnumSource(names = {"GSO", "SENDMMSG", "PORTABLE"})
    void manySessionsInOneBatchEachGetTheirOwnHeadersOnTheSharedPayloads(SendPath path) throws Exception {
        RtpSocket socket = socket(path);
        // 300 sessions of 8 packets: more packets and messages than one batch holds.
        List<PayloadFragment> shared = frame(7, 1388, 1388, 1388, 1388, 1388, 1388, 1388, 333);
        int sessions = 300;
        List<DatagramChannel> clients = new ArrayList<>();
        List<ByteBuffer> headers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            DatagramChannel c = receiver();
            clients.add(c);
            headers.add(headers(shared, s * 1000, s));
            assertEquals(s, socket.queue((InetSocketAddress) c.getLocalAddress(), headers.get(s), shared));
        }
        socket.flush((frame, why) -> {
            throw new AssertionError("frame " + frame + " refused: " + why);
        });
        for (int s = 0; s < sessions; s++) {
            assertDelivered(receive(clients.get(s), shared.size()), List.of(shared), List.of(headers.get(s)));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"GSO", "SENDMMSG", "PORTABLE"})
    void oneHeaderBufferRewrittenForEveryFrameAndTheSameDestinationsRoundAfterRound(SendPath path) throws Exception {
        // As the sender does it: one header buffer (here a slice at an offset of a larger array,
        // read from a position past 0) rewritten for every frame, and each session's one address
        // object, which the native socket remembers encoded.
        RtpSocket socket = socket(path);
        List<PayloadFragment> shared = frame(8, 1388, 1388, 200);
        List<DatagramChannel> clients = List.of(receiver(), receiver(), receiver());
        List<InetSocketAddress> to = new ArrayList<>();
        for (DatagramChannel c : clients) {
            to.add((InetSocketAddress) c.getLocalAddress());
        }
        ByteBuffer reused = ByteBuffer.wrap(new byte[7 + 5 + 12 * shared.size()], 7, 5 + 12 * shared.size()).slice();
        List<List<ByteBuffer>> sent = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < 4; round++) {
            for (int s = 0; s < clients.size(); s++) {
                ByteBuffer h = headers(shared, round * 100 + s * 10, s);
                sent.get(s).add(h);
                reused.clear().position(5);
                reused.put(h.duplicate()).position(5);
                socket.queue(to.get(s), reused, shared);
            }
            socket.flush((frame, why) -> {
                throw new AssertionError("frame " + frame + " refused: " + why);
            });
        }
        for (int s = 0; s < clients.size(); s++) {
            assertDelivered(receive(clients.get(s), 4 * shared.size()), List.of(shared, shared, shared, shared), sent.get(s));
        }
    }

    @Test
    void whenTheKernelRefusesGsoTheSameDatagramsLeaveOneByOneAndTheSocketFallsBackToSendmmsg() throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<NativeUdp> nativeUdp = NativeUdp.load(why);
        assumeTrue(nativeUdp.isPresent(), "no native send path here: " + why);
        assumeTrue(nativeUdp.get().probe().gsoRefused().isEmpty(), "no GSO here to refuse");
        RtpSocket socket = nativeUdp.get().openRefusingGso(LOOPBACK);
        open.add(socket);
        assertEquals(SendPath.GSO, socket.path());
        DatagramChannel client = receiver();
        List<List<PayloadFragment>> frames = List.of(frame(1, 1388, 1388, 1388, 517), frame(2, 1388, 1388, 9));
        List<ByteBuffer> headers = List.of(headers(frames.get(0), 10, 3), headers(frames.get(1), 14, 3));
        for (int f = 0; f < frames.size(); f++) {
            socket.queue((InetSocketAddress) client.getLocalAddress(), headers.get(f), frames.get(f));
        }
        socket.flush((frame, reason) -> {
            throw new AssertionError("frame " + frame + " refused: " + reason);
        });
        assertDelivered(receive(client, 7), frames, headers);
        assertEquals(SendPath.SENDMMSG, socket.path(), "GSO is off for good on this socket");
    }

    @ParameterizedTest
    @EnumSource(names = {"GSO", "SENDMMSG", "PORTABLE"})
    void aDestinationTheKernelRefusesStopsOnlyItsOwnFrames(SendPath path) throws Exception {
        RtpSocket socket = socket(path);
        DatagramChannel before = receiver();
        DatagramChannel after = receiver();
        DatagramChannel closed = receiver();
        InetSocketAddress closedPort = (InetSocketAddress) closed.getLocalAddress();
        closed.close();
        // Broadcast without SO_BROADCAST: the kernel says EACCES (or no route) at once, for this destination only.
        InetSocketAddress broadcast = new InetSocketAddress(InetAddress.getByName("255.255.255.255"), 9);
        List<PayloadFragment> shared = frame(8, 1388, 1388, 200);
        ByteBuffer h = headers(shared, 1, 1);
        Map<Integer, String> refused = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            socket.queue((InetSocketAddress) before.getLocalAddress(), h, shared);
            socket.queue(broadcast, h, shared);
            socket.queue(closedPort, h, shared);   // port unreachable: ICMP, no error on an unconnected socket
            socket.queue((InetSocketAddress) after.getLocalAddress(), h, shared);
            socket.flush(refused::put);
            assertEquals(List.of(1), List.copyOf(refused.keySet()), "round " + round + ": " + refused);
            refused.clear();
        }
        assertEquals(9, receive(before, 9).size());
        assertEquals(9, receive(after, 9).size());
        assertTrue(socket.path() == path, "the path stays " + path);
    }
}
