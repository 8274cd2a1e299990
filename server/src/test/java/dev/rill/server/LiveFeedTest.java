package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.server.udp.RtpSocket;
import dev.rill.server.udp.RtpSockets;
import dev.rill.spi.Payloader;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prefetch stage of a live source: every arriving frame prepared once and handed to each
 * joined playback, the newest replacing one not yet taken, the source started and stopped with
 * the feed. Playbacks hand themselves to a sender that is never started: the test takes their
 * frames as the sender would.
 */
class LiveFeedTest {

    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final FakeLiveSource source = new FakeLiveSource("live-" + System.nanoTime());
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

    private LiveFeed started(Payloader payloader) {
        LiveFeed feed = new LiveFeed(new LiveTap(source), payloader);
        open.add(feed::close);
        feed.start();
        return feed;
    }

    private LiveFeed started() {
        return started(FakePayloadFormat.splitting(1000));
    }

    private LivePlayback joined(LiveFeed feed) {
        Session session = TestSessions.of(source, feed).sender(idleSender).build();
        LivePlayback p = new LivePlayback(session, feed);
        p.begin(System.nanoTime());
        return p;
    }

    /** The next frame handed to {@code p}, taken as its sender would take it. */
    private static PreparedFrame awaitTaken(LivePlayback p) {
        AtomicReference<PreparedFrame> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> got.updateAndGet(f -> f != null ? f : p.take()) != null);
        return got.get();
    }

    @Test
    void eachFrameReachesEveryJoinedPlaybackInOrder() {
        LiveFeed feed = started();
        LivePlayback a = joined(feed);
        LivePlayback b = joined(feed);
        List<Long> toA = new ArrayList<>();
        List<Long> toB = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            source.push(FakeLiveSource.frame(i, i * FRAME_NANOS, 2500));
            toA.add(awaitTaken(a).index());
            toB.add(awaitTaken(b).index());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), toA);
        assertEquals(toA, toB);
        assertEquals(0, feed.dropped());
    }

    @Test
    void aFrameIsPreparedOnceAndSharedByItsPlaybacks() {
        LiveFeed feed = started();
        LivePlayback a = joined(feed);
        LivePlayback b = joined(feed);
        source.push(FakeLiveSource.frame(7, 7 * FRAME_NANOS, 2500));
        PreparedFrame toA = awaitTaken(a);
        PreparedFrame toB = awaitTaken(b);
        assertSame(toA, toB, "one prepared frame for both");
        assertEquals(7 * FRAME_NANOS, toA.timeNanos());
        assertEquals(3, toA.fragments().size());
        assertEquals(Optional.of(toA), feed.newest());
    }

    @Test
    void aPlaybackThatLeftGetsNothingMore() {
        LiveFeed feed = started();
        LivePlayback stays = joined(feed);
        LivePlayback leaves = joined(feed);
        leaves.cancel();
        source.push(FakeLiveSource.frame(0, 0, 100));
        awaitTaken(stays);
        assertNull(leaves.take());
    }

    @Test
    void aFrameThatArrivesWhileThePreviousIsPreparedIsReplacedByTheNext() throws Exception {
        CountDownLatch preparing = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<Long> prepared = new CopyOnWriteArrayList<>();
        Payloader slow = frame -> {
            prepared.add(frame.index());
            if (frame.index() == 0) {
                preparing.countDown();
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        };
        LiveFeed feed = started(slow);
        open.add(gate::countDown);
        source.push(FakeLiveSource.frame(0, 0, 100));
        assertTrue(preparing.await(20, TimeUnit.SECONDS));
        source.push(FakeLiveSource.frame(1, FRAME_NANOS, 100));
        source.push(FakeLiveSource.frame(2, 2 * FRAME_NANOS, 100));
        assertEquals(1, feed.dropped(), "frame 1 was replaced before it could be prepared");
        gate.countDown();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> feed.newest().map(PreparedFrame::index).orElse(-1L) == 2L);
        assertEquals(List.of(0L, 2L), prepared);
    }

    @Test
    void aPayloaderThatThrowsGivesAFrameWithNoPayloads() {
        LiveFeed feed = started(FakePayloadFormat.throwing());
        LivePlayback p = joined(feed);
        source.push(FakeLiveSource.frame(3, 0, 100));
        PreparedFrame frame = awaitTaken(p);
        assertEquals(3, frame.index());
        assertEquals(List.of(), frame.fragments());
    }

    @Test
    void startStartsTheSourceAndCloseStopsItAndTheThread() {
        LiveFeed feed = started();
        assertEquals(1, source.starts());
        assertEquals(0, source.stops());
        String thread = "rill-prefetch " + source.describe();
        assertTrue(threadAlive(thread));
        feed.close();
        assertEquals(1, source.stops());
        assertFalse(threadAlive(thread), "the prefetch thread ended");
        assertEquals(Optional.empty(), feed.newest());
    }

    @Test
    void aLivePlayStartsAtTheTimestampOfTheNewestFrame() {
        LiveFeed feed = started();
        source.push(FakeLiveSource.frame(40, 2_000_000_000L, 100));
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.newest().isPresent());
        Session session = TestSessions.of(source, feed).sender(idleSender).timestampBase(5000).build();
        Session.PlayOutcome.Started s = assertInstanceOf(Session.PlayOutcome.Started.class, session.play(Optional.empty()));
        assertEquals(5000 + 2 * 90_000, s.rtpTime());
        assertInstanceOf(Session.PlayOutcome.Unchanged.class, session.play(Optional.empty()));
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void anHttpViewerWaitsBoundedForAFrameNewerThanItsLastAndSkipsThoseItMissed() throws Exception {
        LiveFeed feed = started();
        assertTrue(feed.newerThan(null, TimeUnit.MILLISECONDS.toNanos(50)).isEmpty(), "no frame yet: empty once the wait is over");
        source.push(new dev.rill.spi.Frame(0, 0, new byte[100]));
        PreparedFrame first = feed.newerThan(null, TimeUnit.SECONDS.toNanos(10)).orElseThrow();
        assertEquals(0, first.index());
        source.push(new dev.rill.spi.Frame(1, FRAME_NANOS, new byte[100]));
        source.push(new dev.rill.spi.Frame(2, 2 * FRAME_NANOS, new byte[100]));
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.newest().orElseThrow().index() == 2);
        assertEquals(2, feed.newerThan(first, TimeUnit.SECONDS.toNanos(10)).orElseThrow().index(), "the newest, not the next");
    }
}
