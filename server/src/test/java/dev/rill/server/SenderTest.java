package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.server.udp.RtpSocket;
import dev.rill.server.udp.RtpSockets;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.SessionState;
import dev.rill.wire.NptRange;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender on its own, with no RTSP server: sessions built directly play fake sources, and
 * their RTP goes from a channel on loopback to a channel the test reads.
 */
class SenderTest {

    /** Payload bytes per packet: a 1400-byte packet less its RTP header. */
    private static final int MAX_PAYLOAD = 1388;
    private static final long SSRC = 0x0BADCAFEL;
    private static final long BASE = 1000;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<RtpPacket> packets = new ArrayList<>();
    private final ByteBuffer datagram = ByteBuffer.allocate(65_536);
    private final RecordingEvents events = new RecordingEvents();
    private DatagramChannel client;
    private Sender sender;

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        client = DatagramChannel.open();
        open.add(client);
        client.bind(new InetSocketAddress(loopback, 0)).configureBlocking(false);
        // The default send path of this run: the native one, or portable in the build's second run.
        RtpSocket rtp = RtpSockets.choose(new ServerConfig.RtpConfig(null, null, null, null).sendPathChoice())
                .open(loopback, 0, false, 1 << 20);
        open.add(rtp);
        sender = new Sender(rtp);
        open.add(sender);
        sender.start();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Every packet of this test's SSRC that has arrived so far, in arrival order. */
    private synchronized List<RtpPacket> received() throws Exception {
        while (true) {
            datagram.clear();
            if (client.receive(datagram) == null) {
                return List.copyOf(packets);
            }
            // Only this test's stream: on a shared machine another program's RTP may reach a
            // loopback port that one of its clients had before.
            if (datagram.position() >= RtpPacket.HEADER_LENGTH && Integer.toUnsignedLong(datagram.getInt(8)) == SSRC) {
                packets.add(RtpPacket.decode(Arrays.copyOf(datagram.array(), datagram.position()), 0, datagram.position()));
            }
        }
    }

    private StoredFeed storedFeed(FakeStoredSource source) {
        StoredFeed feed = new StoredFeed(source, FakePayloadFormat.splitting(MAX_PAYLOAD));
        open.add(feed::close);
        feed.start();
        return feed;
    }

    private Session session(TestSessions builder) throws Exception {
        return builder.sender(sender).rtpTo((InetSocketAddress) client.getLocalAddress()).ssrc(SSRC)
                .timestampBase(BASE).events(events).build();
    }

    /** PLAY, and the play's clock started as once its reply is out. */
    private static Playback play(Session session, Optional<NptRange> range) {
        Session.PlayOutcome.Started started = (Session.PlayOutcome.Started) session.play(range);
        started.playback().begin(System.nanoTime());
        return started.playback();
    }

    /**
     * A live source hands each of its viewers to their sender at every frame, so handing over must
     * not allocate: a queue node for each hand-over was most of what the server allocated with
     * live viewers. A playback already on its way is not handed over twice.
     */
    @Test
    void handingAPlaybackToItsSenderAllocatesNothing() throws Exception {
        FakeStoredSource source = new FakeStoredSource("hand-over", 5, 20, 100);
        Playback playback = play(session(TestSessions.of(source, storedFeed(source))), Optional.empty());
        playback.cancel();   // the sender takes it in, then drops it when it comes up
        int handOvers = 100_000;
        long allocated = ThreadAllocations.of(() -> {
            for (int i = 0; i < handOvers; i++) {
                sender.schedule(playback);
            }
        });
        assertTrue(allocated < handOvers, allocated + " bytes allocated by " + handOvers + " hand-overs");
    }

    @Test
    void aStoredPlayDeliversEveryFrameInOrderThenEndsTheStream() throws Exception {
        FakeStoredSource source = new FakeStoredSource("five-frames", 5, 100, 3000);
        Session session = session(TestSessions.of(source, storedFeed(source)).firstSequence(100));
        play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> events.count("endOfStream") == 1);

        List<RtpPacket> got = received();
        assertEquals(15, got.size(), "three packets for each of five frames");
        for (int k = 0; k < got.size(); k++) {
            RtpPacket p = got.get(k);
            assertEquals(100 + k, p.sequenceNumber(), "packet " + k);
            assertEquals(BASE + 900L * (k / 3), p.timestamp(), "packet " + k + ": 900 ticks a frame at 100 fps");
            assertEquals(k % 3 == 2, p.marker(), "packet " + k + ": the marker ends each frame");
            assertEquals(FakePayloadFormat.PAYLOAD_TYPE, p.payloadType());
            assertEquals(SSRC, p.ssrc());
        }
        for (int f = 0; f < 5; f++) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            for (RtpPacket p : got.subList(3 * f, 3 * f + 3)) {
                frame.write(p.payload());
            }
            assertArrayEquals(FakeStoredSource.dataOf(f, 3000), frame.toByteArray(), "frame " + f);
        }
        assertEquals(SessionState.READY, session.state());
        assertEquals(5, session.framesSent());
        assertEquals(15, session.packetsSent());
    }

    @Test
    void aFrameThatCannotBeCarriedIsSkippedAndThePlayGoesOn() throws Exception {
        FakeStoredSource source = new FakeStoredSource("skips-frame-2", 5, 100, 100);
        Payloader fine = FakePayloadFormat.splitting(MAX_PAYLOAD);
        Payloader failsOnFrame2 = frame -> {
            if (frame.index() == 2) {
                throw new IllegalStateException("frame 2 cannot be carried");
            }
            return fine.payload(frame);
        };
        StoredFeed feed = new StoredFeed(source, failsOnFrame2);
        open.add(feed::close);
        feed.start();
        Session session = session(TestSessions.of(source, feed).firstSequence(100));
        play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> events.count("endOfStream") == 1);
        List<RtpPacket> got = received();
        assertEquals(List.of(100, 101, 102, 103), got.stream().map(RtpPacket::sequenceNumber).toList(),
                "no sequence number is spent on the skipped frame");
        assertEquals(List.of(BASE, BASE + 900, BASE + 2700, BASE + 3600), got.stream().map(RtpPacket::timestamp).toList());
        assertEquals(4, session.framesSent());
    }

    @Test
    void aDestinationTheKernelRefusesStopsOnlyItsOwnSession() throws Exception {
        FakeStoredSource source = new FakeStoredSource("refused-beside", 20, 100, 3000);
        StoredFeed feed = storedFeed(source);
        // Broadcast without SO_BROADCAST: the kernel refuses every send to it at once (EACCES).
        Session refused = TestSessions.of(source, feed).sender(sender)
                .rtpTo(new InetSocketAddress(InetAddress.getByName("255.255.255.255"), 9)).ssrc(SSRC + 1)
                .timestampBase(BASE).events(events).build();
        Session good = session(TestSessions.of(source, feed).firstSequence(100));
        Playback stopped = play(refused, Optional.empty());
        play(good, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> events.count("endOfStream") == 1);
        assertTrue(stopped.cancelled(), "the refused session stopped sending");
        assertEquals(SessionState.READY, refused.state());
        assertEquals(60, received().size(), "the other session got every packet of its 20 frames");
        assertEquals(SessionState.READY, good.state());
    }

    @Test
    void noFrameIsSentBeforeItsTime() throws Exception {
        // Frame 4 of a 10 fps source is due 400 ms after the play began; the sender may be early by a batch at most.
        FakeStoredSource source = new FakeStoredSource("paced", 5, 10, 100);
        Session session = session(TestSessions.of(source, storedFeed(source)));
        long before = System.nanoTime();
        play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> received().size() == 5);
        long seenLast = System.nanoTime();
        assertTrue(seenLast - before >= 400_000_000L - Sender.BATCH_NANOS,
                "the last frame came " + (seenLast - before) / 1_000_000 + " ms after PLAY");
    }

    @Test
    void playsStartOnAGridOfTheClockSoThatPlaysOfOneRateFallDueTogether() {
        long slot = StoredPlayback.PHASE_NANOS;
        assertEquals(0, StoredPlayback.phase(0));
        assertEquals(slot, StoredPlayback.phase(1));
        assertEquals(slot, StoredPlayback.phase(slot));
        assertEquals(0, StoredPlayback.phase(-1));                 // System.nanoTime() may be negative
        assertEquals(-slot, StoredPlayback.phase(-slot - 1));
        // Two PLAYs 3 ms apart in one slot start together, and so stay together frame after frame.
        long t = 123 * slot + slot / 2;
        assertEquals(StoredPlayback.phase(t), StoredPlayback.phase(t + 3_000_000L));
        assertTrue(StoredPlayback.phase(t) - t < slot);
    }

    @Test
    void sequenceNumbersWrapAt2To16() throws Exception {
        FakeStoredSource source = new FakeStoredSource("wrap", 4, 100, 100);
        Session session = session(TestSessions.of(source, storedFeed(source)).firstSequence(65534));
        play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == 4);
        assertEquals(List.of(65534, 65535, 0, 1), received().stream().map(RtpPacket::sequenceNumber).toList());
    }

    @Test
    void aPausedPlaySendsNothingMore() throws Exception {
        FakeStoredSource source = new FakeStoredSource("long", 1000, 20, 100);
        Session session = session(TestSessions.of(source, storedFeed(source)));
        Playback playback = play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 3);
        session.pause();
        assertTrue(playback.cancelled());
        long sent = session.packetsSent();
        // Everything sent before PAUSE arrives; nothing after it is sent.
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == sent);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                .until(() -> session.packetsSent() == sent && received().size() == sent);
    }

    @Test
    void aPlayWithARangeEndStopsAfterTheFrameOnShowAtTheEnd() throws Exception {
        FakeStoredSource source = new FakeStoredSource("ranged", 100, 20, 100);
        Session session = session(TestSessions.of(source, storedFeed(source)));
        // 0.1 s shows frame 2 (at 100 ms): frames 0, 1 and 2 go out.
        play(session, Optional.of(NptRange.parse("npt=0-0.1")));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.count("endOfStream") == 1);
        assertEquals(List.of(BASE, BASE + 4500, BASE + 9000), received().stream().map(RtpPacket::timestamp).toList());
    }

    @Test
    void aLoopingSourcePlaysOnWithRisingTimestamps() throws Exception {
        FakeStoredSource source = new FakeStoredSource("loop", 3, 100, 100).looping();
        Session session = session(TestSessions.of(source, storedFeed(source)));
        play(session, Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() >= 8);
        session.pause();
        List<RtpPacket> got = received().subList(0, 8);
        for (int k = 0; k < got.size(); k++) {
            assertEquals(BASE + 900L * k, got.get(k).timestamp(), "packet " + k);
            assertArrayEquals(FakeStoredSource.dataOf(k % 3, 100), got.get(k).payload(), "packet " + k);
        }
        assertEquals(0, events.count("endOfStream"));
    }

    @Test
    void aLivePlaySendsEachFrameItsFeedHandsIt() throws Exception {
        FakeLiveSource source = new FakeLiveSource("live-to-sender");
        LiveFeed feed = new LiveFeed(new LiveTap(source), FakePayloadFormat.splitting(MAX_PAYLOAD));
        open.add(feed::close);
        feed.start();
        Session session = session(TestSessions.of(source, feed).firstSequence(10));
        play(session, Optional.empty());
        source.push(FakeLiveSource.frame(40, 2_000_000_000L, 100));
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == 1);
        source.push(FakeLiveSource.frame(41, 2_050_000_000L, 100));
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == 2);
        List<RtpPacket> got = received();
        assertEquals(List.of(BASE + 180_000, BASE + 184_500), got.stream().map(RtpPacket::timestamp).toList());
        assertEquals(List.of(10, 11), got.stream().map(RtpPacket::sequenceNumber).toList());
        assertArrayEquals(FakeStoredSource.dataOf(41, 100), got.get(1).payload());
    }
}
