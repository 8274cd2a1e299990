package dev.rill.server;

import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.server.udp.RtpSocket;
import dev.rill.server.udp.RtpSockets;
import dev.rill.spi.Payloader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prefetch stage of a stored source: one read per frame for every session, frames handed to
 * sessions that asked too early, let go when unused or over budget, and what an unreadable frame
 * or a failing payloader come to.
 *
 * <p>Playbacks parked on a frame are handed to their session's sender. Where the test does not
 * follow them further, that sender is never started: it only queues what it is handed (its
 * channel, which a sender cannot be built without, is never bound).
 */
class StoredFeedTest {

    private static final long SECOND = 1_000_000_000L;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Sender idleSender;

    @BeforeEach
    void idleSender() throws Exception {
        RtpSocket channel = RtpSockets.portable().open(InetAddress.getLoopbackAddress(), 0, false, 1 << 16);
        open.add(channel);
        idleSender = new Sender(channel);
        open.add(idleSender);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private StoredFeed started(FakeStoredSource source, Payloader payloader) {
        StoredFeed feed = new StoredFeed(source, payloader);
        open.add(feed::close);
        feed.start();
        return feed;
    }

    private StoredFeed started(FakeStoredSource source) {
        return started(source, FakePayloadFormat.splitting(1000));
    }

    /** A playback that can wait on the feed's frames; its sender is the idle one. */
    private StoredPlayback waiter(FakeStoredSource source, StoredFeed feed) {
        Session session = TestSessions.of(source, feed).sender(idleSender).build();
        return new StoredPlayback(session, feed, 0, 0, Long.MAX_VALUE, feed.durationNanos());
    }

    /** Frame {@code index}, once prepared (asking again parks the waiter again, which is harmless). */
    private static PreparedFrame awaitFrame(StoredFeed feed, long index, StoredPlayback waiter) {
        return awaitFrame(feed, index, waiter, 0);
    }

    /** As {@link #awaitFrame}, asking as if {@code aheadNanos} from now: a frame asked for ahead is not let go meanwhile. */
    private static PreparedFrame awaitFrame(StoredFeed feed, long index, StoredPlayback waiter, long aheadNanos) {
        AtomicReference<PreparedFrame> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> got.updateAndGet(
                f -> f != null ? f : feed.frame(index, waiter, System.nanoTime() + aheadNanos)) != null);
        return got.get();
    }

    @Test
    void eachFrameIsReadOnceForEveryPlaybackThatAsksForIt() throws Exception {
        FakeStoredSource source = new FakeStoredSource("shared-clip", 20, 20, 3000);
        StoredFeed feed = started(source);
        List<StoredPlayback> askers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            askers.add(waiter(source, feed));
        }
        List<List<PreparedFrame>> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(askers.size())) {
            List<Future<List<PreparedFrame>>> results = new ArrayList<>();
            for (StoredPlayback asker : askers) {
                results.add(pool.submit(() -> {
                    List<PreparedFrame> frames = new ArrayList<>();
                    for (long i = 0; i < 8; i++) {
                        // Asked for a minute ahead: a slow machine must not let frames go between askers.
                        frames.add(awaitFrame(feed, i, asker, 60 * SECOND));
                    }
                    return frames;
                }));
            }
            for (Future<List<PreparedFrame>> r : results) {
                seen.add(r.get());
            }
        }
        for (long i = 0; i < 8; i++) {
            assertEquals(1, source.reads(i), "reads of frame " + i);
            for (List<PreparedFrame> frames : seen) {
                assertSame(seen.get(0).get((int) i), frames.get((int) i), "every asker shares frame " + i);
            }
        }
        assertEquals(8, source.totalReads());
    }

    @Test
    void prefetchReadsTheFramesAheadOfAPosition() {
        FakeStoredSource source = new FakeStoredSource("ahead", 40, 20, 100);
        StoredFeed feed = started(source);
        feed.prefetch(5, System.nanoTime());
        await().atMost(Duration.ofSeconds(20)).until(() -> source.totalReads() == StoredFeed.AHEAD);
        for (long i = 5; i < 5 + StoredFeed.AHEAD; i++) {
            assertEquals(1, source.reads(i), "frame " + i);
        }
    }

    @Test
    void aPreparedFrameCarriesTheFramesTimeAndPayloads() {
        FakeStoredSource source = new FakeStoredSource("payloads", 10, 20, 2500);
        StoredFeed feed = started(source);
        PreparedFrame frame = awaitFrame(feed, 4, waiter(source, feed));
        assertEquals(4, frame.index());
        assertEquals(200_000_000L, frame.timeNanos());
        assertEquals(2500, frame.bytes());
        assertEquals(3, frame.fragments().size());
        ByteBuffer whole = ByteBuffer.allocate(2500);
        frame.fragments().forEach(f -> whole.put(f.payload().duplicate()));
        assertArrayEquals(FakeStoredSource.dataOf(4, 2500), whole.array());
    }

    @Test
    void aPlaybackParkedOnAFrameBeingReadIsHandedBackToItsSender() throws Exception {
        FakeStoredSource source = new FakeStoredSource("late-frame", 10, 20, 500);
        CountDownLatch gate = source.gateAt(0);
        StoredFeed feed = started(source);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramChannel client = DatagramChannel.open();
        open.add(client);
        client.bind(new InetSocketAddress(loopback, 0)).configureBlocking(false);
        RtpSocket rtp = RtpSockets.portable().open(loopback, 0, false, 1 << 16);
        open.add(rtp);
        Sender sender = new Sender(rtp);
        open.add(sender);
        sender.start();
        Session session = TestSessions.of(source, feed).sender(sender)
                .rtpTo((InetSocketAddress) client.getLocalAddress()).firstSequence(77).build();
        Session.PlayOutcome.Started started = (Session.PlayOutcome.Started) session.play(Optional.empty());
        started.playback().begin(System.nanoTime());

        ByteBuffer packet = ByteBuffer.allocate(2048);
        await().atMost(Duration.ofSeconds(20)).until(() -> source.reads(0) == 1);
        // Frame 0 is being read: the sender asks for it meanwhile and must leave it with the feed.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> client.receive(packet) == null);
        gate.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.receive(packet) != null);
        packet.flip();
        assertEquals(77, packet.getShort(2) & 0xFFFF, "the first packet of the play");
    }

    /**
     * Senders ask for a prepared frame for every frame of every session, so asking must not
     * allocate, past index 127 either: a map keyed by {@code Long} allocated there, and the JIT
     * did not optimise it away (about 1 MB/s at 1,000 sessions of a 400-frame clip).
     */
    @Test
    void askingForAPreparedFrameAllocatesNothing() {
        FakeStoredSource source = new FakeStoredSource("no-allocation", 400, 20, 100);
        StoredFeed feed = started(source);
        StoredPlayback waiter = waiter(source, feed);
        // Asked for a minute ahead: nothing is let go while the test asks.
        long stamp = System.nanoTime() + 60 * SECOND;
        for (long i = 300; i < 310; i++) {
            awaitFrame(feed, i, waiter, 60 * SECOND);
        }
        int asks = 100_000;
        long allocated = ThreadAllocations.of(() -> {
            for (int k = 0; k < asks; k++) {
                assertNotNull(feed.frame(300 + k % 10, waiter, stamp));
            }
        });
        assertTrue(allocated < asks, allocated + " bytes allocated by " + asks + " asks for a prepared frame");
    }

    @Test
    void framesNobodyUsedForTheRetainTimeAreLetGo() {
        FakeStoredSource source = new FakeStoredSource("retain", 40, 20, 1000);
        StoredFeed feed = started(source);
        // Asked for long ago and never used since.
        feed.prefetch(0, System.nanoTime() - 2 * StoredFeed.RETAIN_NANOS);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> source.totalReads() == StoredFeed.AHEAD && feed.framesHeld() == 0);
        assertEquals(0, feed.bytesHeld());
    }

    @Test
    void aFrameInUseIsKept() {
        FakeStoredSource source = new FakeStoredSource("in-use", 40, 20, 1000);
        StoredFeed feed = started(source);
        StoredPlayback waiter = waiter(source, feed);
        awaitFrame(feed, 0, waiter);
        // Used every 20 ms for well over the retain time: never let go, never read again.
        await().during(Duration.ofNanos(3 * StoredFeed.RETAIN_NANOS)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> feed.frame(0, waiter, System.nanoTime()) != null && source.reads(0) == 1);
    }

    /**
     * A frame whose read (with the wait in the queue before it) outlasts the retain time must
     * still reach the playbacks parked on it. The feed's sweep runs right after it prepares a
     * frame when a sweep has fallen due meanwhile, and it lets go of the frame at once, before the
     * playback it has just handed back can take it: the playback asks again and the frame is read
     * again. A source that always takes longer than {@link StoredFeed#RETAIN_NANOS} per frame
     * never gets a frame out. Fails until the sweep spares a frame that was just prepared.
     */
    @Test
    void aFrameAPlaybackWaitedForIsNotLetGoBeforeItCanTakeIt() {
        FakeStoredSource source = new FakeStoredSource("slow-read", 10, 20, 100);
        StoredFeed feed = new StoredFeed(source, FakePayloadFormat.splitting(1000));
        open.add(feed::close);
        StoredPlayback waiter = waiter(source, feed);
        // Asked for two retain times ago and parked on it; the feed starts with a sweep due.
        assertNull(feed.frame(0, waiter, System.nanoTime() - 2 * StoredFeed.RETAIN_NANOS));
        feed.start();
        // The feed hands the waiter back once the frame is ready; it then takes the frame.
        awaitFrame(feed, 0, waiter);
        assertEquals(1, source.reads(0), "frame 0 was let go before its waiter took it, and read again");
    }

    @Test
    void aFrameLetGoIsReadAgainWhenAskedFor() {
        FakeStoredSource source = new FakeStoredSource("again", 40, 20, 1000);
        StoredFeed feed = started(source);
        feed.prefetchAt(3, System.nanoTime() - 2 * StoredFeed.RETAIN_NANOS);
        await().atMost(Duration.ofSeconds(20)).until(() -> source.reads(3) == 1 && feed.framesHeld() == 0);
        awaitFrame(feed, 3, waiter(source, feed));
        assertEquals(2, source.reads(3));
    }

    @Test
    void bytesHeldComeDownToTheBudgetByLettingGoOfTheLeastRecentlyUsed() {
        int frameBytes = 4 << 20;
        int frames = 40;
        int fit = (int) (StoredFeed.MAX_BYTES / frameBytes);
        FakeStoredSource source = new FakeStoredSource("budget", frames, 20, frameBytes).sharingOneArray();
        StoredFeed feed = started(source, FakePayloadFormat.splitting(Integer.MAX_VALUE));
        // Stamped a minute ahead, in order, so that only the budget decides what goes, not the retain time.
        long stamp = System.nanoTime() + 60 * SECOND;
        for (int i = 0; i < frames; i++) {
            feed.prefetchAt(i, stamp + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> source.totalReads() == frames
                && feed.framesHeld() == fit && feed.bytesHeld() == StoredFeed.MAX_BYTES);
        StoredPlayback waiter = waiter(source, feed);
        for (long i = frames - fit; i < frames; i++) {
            assertNotNull(feed.frame(i, waiter, stamp + i), "the most recently used frame " + i + " is kept");
        }
        assertEquals(frames, source.totalReads());
    }

    @Test
    void aFrameTheSourceCannotGiveIsUnreadable() {
        FakeStoredSource source = new FakeStoredSource("unreadable", 10, 20, 100).unreadableAt(3);
        StoredFeed feed = started(source);
        assertSame(StoredFeed.UNREADABLE, awaitFrame(feed, 3, waiter(source, feed)));
    }

    @Test
    void aFrameWhoseReadThrowsIsUnreadable() {
        FakeStoredSource source = new FakeStoredSource("throws", 10, 20, 100).failingAt(2);
        StoredFeed feed = started(source);
        StoredPlayback waiter = waiter(source, feed);
        assertSame(StoredFeed.UNREADABLE, awaitFrame(feed, 2, waiter));
        assertNotSame(StoredFeed.UNREADABLE, awaitFrame(feed, 3, waiter), "the feed goes on after the failure");
    }

    @Test
    void aFramePastTheEndIsUnreadableWithoutAskingTheSource() {
        FakeStoredSource source = new FakeStoredSource("past-end", 10, 20, 100);
        StoredFeed feed = started(source);
        assertSame(StoredFeed.UNREADABLE, awaitFrame(feed, 10, waiter(source, feed)));
        assertEquals(0, source.reads(10));
    }

    @Test
    void aPayloaderThatThrowsGivesAFrameWithNoPayloads() {
        FakeStoredSource source = new FakeStoredSource("bad-payloader", 10, 20, 100);
        StoredFeed feed = started(source, FakePayloadFormat.throwing());
        PreparedFrame frame = awaitFrame(feed, 1, waiter(source, feed));
        assertNotSame(StoredFeed.UNREADABLE, frame, "a frame that cannot be carried is skipped, not the end");
        assertEquals(1, frame.index());
        assertEquals(List.of(), frame.fragments());
        assertEquals(0, frame.bytes());
    }

    @Test
    void aLoopingSourceCountsLoopsInPositionsAndMediaTime() {
        FakeStoredSource source = new FakeStoredSource("loop", 10, 20, 100).looping();
        StoredFeed feed = new StoredFeed(source, FakePayloadFormat.splitting(1000));
        open.add(feed::close);
        assertEquals(3, feed.frameIndex(23));
        // Two loops of 500 ms, then frame 3 at 150 ms.
        assertEquals(1_150_000_000L, feed.mediaTime(23, source.timeOf(3)));
    }

    @Test
    void closeEndsTheFeedsThread() {
        FakeStoredSource source = new FakeStoredSource("close-" + System.nanoTime(), 10, 20, 100);
        StoredFeed feed = started(source);
        String name = "rill-prefetch " + source.describe();
        assertTrue(threadAlive(name));
        feed.close();
        assertFalse(threadAlive(name), "the prefetch thread ended");
        assertEquals(0, feed.framesHeld());
    }

    @Test
    void closeWhileAFrameIsBeingReadReturnsAndLetsGoOfEverything() {
        FakeStoredSource source = new FakeStoredSource("blocked", 10, 20, 100);
        CountDownLatch gate = source.gateAt(0);
        StoredFeed feed = started(source);
        open.add(gate::countDown);
        feed.prefetch(0, System.nanoTime());
        await().atMost(Duration.ofSeconds(20)).until(() -> source.reads(0) == 1);
        feed.close();
        assertEquals(0, feed.framesHeld());
        assertEquals(0, feed.bytesHeld());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void anHttpViewerWaitsBoundedForAFrameBeingPreparedAndGetsTheSameOneAsSessions() throws Exception {
        FakeStoredSource source = new FakeStoredSource("http-viewer", 10, 20, 500);
        StoredFeed feed = started(source);
        Optional<PreparedFrame> third = feed.await(2, TimeUnit.SECONDS.toNanos(10));
        assertTrue(third.isPresent());
        assertEquals(2, third.get().index());
        assertSame(third.get(), feed.await(2, 0).orElseThrow(), "prepared once, shared");
        assertSame(StoredFeed.UNREADABLE, feed.await(10, TimeUnit.SECONDS.toNanos(10)).orElseThrow(), "past the end");
    }
}
