package dev.rill.plugin.testcard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.VideoSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestCardTest {

    private static final long EPOCH_NANOS = 5_000_000_000L;
    private static final Instant EPOCH_TIME = Instant.parse("2025-03-01T10:00:00Z");
    /** One frame at 25 fps, in nanoseconds. */
    private static final long PERIOD = 40_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The card's System.nanoTime(): only moves when a test moves it. */
    private final AtomicLong nanos = new AtomicLong(EPOCH_NANOS);
    /** What the sink received; the render thread adds, the test takes. */
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final List<TestCard> cards = new ArrayList<>();
    /** The frame numbers a fake card's renderer was asked for. */
    private final List<Long> requested = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeCards() {
        cards.forEach(TestCard::close);
    }

    private TestCard card(VideoSize size, double fps) {
        return opened(new TestCard(size, fps, 0.75f, Clock.fixed(EPOCH_TIME, ZoneOffset.UTC), nanos::get));
    }

    /** A card whose frames are 4-byte stand-ins, quick to make; frame {@code failing} fails to render. */
    private TestCard fakeCard(long failing) {
        TestCard.Renderer renderer = new TestCard.Renderer() {
            @Override
            public byte[] render(long index, Instant time) throws IOException {
                requested.add(index);
                if (index == failing) {
                    throw new IOException("test: frame " + index + " cannot be encoded");
                }
                return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) index, (byte) 0xD9};
            }

            @Override
            public void close() {
            }
        };
        return opened(new TestCard(new VideoSize(320, 240), 25, renderer, Clock.fixed(EPOCH_TIME, ZoneOffset.UTC), nanos::get));
    }

    private TestCard opened(TestCard card) {
        cards.add(card);
        return card;
    }

    /** Moves "now" to the due time of frame {@code index} at 25 fps. */
    private void nowAtFrame(long index) {
        nanos.set(EPOCH_NANOS + index * PERIOD);
    }

    private Frame next() throws InterruptedException {
        Frame frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "no frame within " + WAIT);
        return frame;
    }

    @Test
    void isALiveJpegSourceWithSizeAndRate() {
        TestCard card = card(new VideoSize(320, 240), 25);
        assertInstanceOf(LiveSource.class, card);
        assertEquals("JPEG", card.encoding());
        assertEquals(OptionalDouble.of(25.0), card.nominalFrameRate());
        assertEquals(Optional.of(new VideoSize(320, 240)), card.videoSize());
        assertEquals("testcard 320x240@25fps", card.describe());
    }

    @Test
    void framesArriveAtTheSinkWithRisingIndexAndTimeFromTheEpoch() throws InterruptedException {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        for (long n = 0; n < 3; n++) {
            Frame frame = next();
            assertEquals(n, frame.index());
            assertEquals(n * PERIOD, frame.timeNanos(), "frame " + n + " at n / 25 s");
            nowAtFrame(n + 1);
        }
    }

    @Test
    void aFrameIsNotSentBeforeItIsDue() throws InterruptedException {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        assertEquals(0, next().index());
        nanos.set(EPOCH_NANOS + PERIOD - 1);
        await().during(Duration.ofMillis(150)).atMost(WAIT).until(received::isEmpty);
        nowAtFrame(1);
        assertEquals(1, next().index());
    }

    @Test
    void aCardFallingBehindSkipsToTheFrameDueNowWithoutABurst() throws InterruptedException {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        assertEquals(0, next().index());
        nowAtFrame(10);
        assertEquals(10, next().index(), "frames 1 to 9 are skipped, not sent late");
        assertEquals(List.of(0L, 10L), requested);
    }

    @Test
    void aCardStartedLateBeginsWithTheFrameDueNow() throws InterruptedException {
        TestCard card = fakeCard(-1);
        nowAtFrame(250);
        card.start(received::add);
        Frame first = next();
        assertEquals(250, first.index());
        assertEquals(10_000_000_000L, first.timeNanos());
    }

    @Test
    void nothingIsRenderedOrSentAfterStop() throws InterruptedException {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        next();
        card.stop();
        assertFalse(card.rendering());
        long rendered = card.framesRendered();
        received.clear();
        nowAtFrame(100);
        await().during(Duration.ofMillis(200)).atMost(WAIT)
                .until(() -> received.isEmpty() && card.framesRendered() == rendered);
    }

    @Test
    void startAgainResumesWithFrameNumbersAndTimesStillRising() throws InterruptedException {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        Frame before = next();
        card.stop();
        card.start(received::add);   // at once: frame 0 is still the one due, but it was sent
        nowAtFrame(1);
        Frame after = next();
        assertEquals(1, after.index());
        assertTrue(after.timeNanos() > before.timeNanos());
        card.stop();
        nowAtFrame(500);
        card.start(received::add);
        assertEquals(500, next().index());
    }

    @Test
    void aFrameThatFailsToRenderIsSkippedAndTheNextOneSent() throws InterruptedException {
        TestCard card = fakeCard(1);
        card.start(received::add);
        assertEquals(0, next().index());
        nowAtFrame(1);
        // Only once frame 1 was tried may the clock move on: else it would be skipped as late.
        await().atMost(WAIT).until(() -> requested.contains(1L));
        nowAtFrame(2);
        assertEquals(2, next().index(), "frame 1 failed and was skipped");
        assertEquals(List.of(0L, 1L, 2L), requested);
        assertEquals(2, card.framesRendered(), "frames 0 and 2");
    }

    @Test
    void statusSaysWhetherTheCardIsWatchedAndCountsFramesBytesAndSkips() throws InterruptedException {
        TestCard card = fakeCard(11);
        LiveStatus idle = card.status().orElseThrow();
        assertEquals(LiveStatus.State.WAITING, idle.state());
        assertEquals(Optional.empty(), idle.peer(), "a synthetic source has no peer");
        card.start(received::add);
        assertEquals(0, next().index());
        assertEquals(LiveStatus.State.LIVE, card.status().orElseThrow().state());
        nowAtFrame(10);
        assertEquals(10, next().index());
        nowAtFrame(11);
        await().atMost(WAIT).until(() -> requested.contains(11L));
        nowAtFrame(12);
        assertEquals(12, next().index());
        LiveStatus watched = card.status().orElseThrow();
        assertEquals(3, watched.framesIn(), "frames 0, 10 and 12");
        assertEquals(12, watched.bytesIn(), "4 bytes each");
        assertEquals(10, watched.framesDropped(), "1 to 9 skipped for lateness, 11 failed");
        assertEquals(0, watched.reconnects());
        card.stop();
        assertEquals(LiveStatus.State.WAITING, card.status().orElseThrow().state());
        card.close();
        assertEquals(LiveStatus.State.STOPPED, card.status().orElseThrow().state());
    }

    @Test
    void startTwiceWithoutStopIsRefused() {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        assertThrows(IllegalStateException.class, () -> card.start(received::add));
    }

    @Test
    void closedCardStopsRenderingAndCannotStartAgain() {
        TestCard card = fakeCard(-1);
        card.start(received::add);
        card.close();
        assertFalse(card.rendering());
        assertThrows(IllegalStateException.class, () -> card.start(received::add));
        card.close();
    }

    @Test
    void frameDecodesToTheConfiguredSize() throws Exception {
        TestCard large = card(new VideoSize(640, 368), 25);
        large.start(received::add);
        BufferedImage picture = decode(next());
        assertEquals(640, picture.getWidth());
        assertEquals(368, picture.getHeight());
    }

    @Test
    void aFrameDependsOnlyOnItsIndex() throws InterruptedException {
        TestCard card = card(new VideoSize(320, 240), 25);
        TestCard other = card(new VideoSize(320, 240), 25);   // the same epoch
        nowAtFrame(2);
        card.start(received::add);
        Frame first = next();
        card.stop();
        other.start(received::add);
        Frame second = next();
        assertEquals(2, first.index());
        assertEquals(2, second.index());
        assertArrayEquals(first.bytes(), second.bytes());
    }

    @Test
    void frameShowsItsOwnPresentationTime() {
        TestCard card = card(new VideoSize(320, 240), 25);
        assertEquals(EPOCH_TIME.plusMillis(40 * 3), card.presentationTime(3));
        assertEquals("10:00:00.12", TestPattern.clock(
                java.time.LocalTime.ofInstant(card.presentationTime(3), ZoneOffset.UTC)));
    }

    @Test
    void rejectsAFrameRateAboveSixty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> card(new VideoSize(16, 16), 61));
        assertTrue(e.getMessage().contains("fps"), e.getMessage());
    }

    private static BufferedImage decode(Frame frame) throws IOException {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(frame.bytes()));
        assertNotNull(picture, "ImageIO could not decode the frame");
        return picture;
    }
}
