package dev.rill.plugin.testcard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.VideoSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestCardTest {

    private static final long EPOCH_NANOS = 5_000_000_000L;
    private static final Instant EPOCH_TIME = Instant.parse("2025-03-01T10:00:00Z");

    /** The card's System.nanoTime(): only moves when a test moves it. */
    private final AtomicLong nanos = new AtomicLong(EPOCH_NANOS);
    private final TestCard card = card(new VideoSize(320, 240), 25);

    @AfterEach
    void closeCard() {
        card.close();
    }

    private TestCard card(VideoSize size, double fps) {
        return new TestCard(size, fps, 0.75f, Clock.fixed(EPOCH_TIME, ZoneOffset.UTC), nanos::get);
    }

    /** Moves "now" to the start of frame {@code index} at 25 fps. */
    private void nowAtFrame(long index) {
        nanos.set(EPOCH_NANOS + index * 40_000_000L);
    }

    @Test
    void isALiveJpegSourceWithSizeAndRate() {
        assertEquals("JPEG", card.encoding());
        assertTrue(card.frameCount().isEmpty());
        assertTrue(card.live());
        assertTrue(card.duration().isEmpty());
        assertEquals(25.0, card.frameRate());
        assertEquals(Optional.of(new VideoSize(320, 240)), card.videoSize());
        assertEquals("testcard 320x240@25fps", card.describe());
    }

    @Test
    void currentIndexCountsFramePeriodsSinceTheEpoch() {
        assertEquals(0, card.currentIndex(EPOCH_NANOS));
        assertEquals(0, card.currentIndex(EPOCH_NANOS + 39_999_999));
        assertEquals(1, card.currentIndex(EPOCH_NANOS + 40_000_000));
        assertEquals(25, card.currentIndex(EPOCH_NANOS + 1_000_000_000));
        assertEquals(25 * 3600 * 24, card.currentIndex(EPOCH_NANOS + Duration.ofDays(1).toNanos()));
    }

    @Test
    void currentIndexIsZeroBeforeTheEpoch() {
        assertEquals(0, card.currentIndex(EPOCH_NANOS - 1_000_000_000));
    }

    @Test
    void currentIndexFollowsAFractionalFrameRate() {
        TestCard slow = card(new VideoSize(16, 16), 2.5);
        try {
            assertEquals(2, slow.currentIndex(EPOCH_NANOS + 1_000_000_000));
            assertEquals(5, slow.currentIndex(EPOCH_NANOS + 2_000_000_000));
        } finally {
            slow.close();
        }
    }

    @Test
    void frameDecodesToTheConfiguredSize() throws IOException {
        TestCard large = card(new VideoSize(640, 368), 25);
        try {
            BufferedImage picture = decode(large.frame(0).orElseThrow());
            assertEquals(640, picture.getWidth());
            assertEquals(368, picture.getHeight());
        } finally {
            large.close();
        }
    }

    @Test
    void successiveFramesDiffer() {
        Frame first = card.frame(0).orElseThrow();
        Frame second = card.frame(1).orElseThrow();
        assertEquals(0, first.index());
        assertEquals(1, second.index());
        assertFalse(java.util.Arrays.equals(first.bytes(), second.bytes()));
    }

    @Test
    void sameIndexReturnsTheSameSharedFrame() {
        nowAtFrame(100);
        assertSame(card.frame(100).orElseThrow(), card.frame(100).orElseThrow());
        nowAtFrame(101);
        assertSame(card.frame(100).orElseThrow(), card.frame(100).orElseThrow());
    }

    @Test
    void concurrentCallersShareOneRendering() throws Exception {
        nowAtFrame(300);
        List<Callable<Frame>> callers = Collections.nCopies(8, () -> card.frame(300).orElseThrow());
        List<Future<Frame>> frames;
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            frames = sessions.invokeAll(callers);
        }
        Frame first = frames.getFirst().get();
        for (Future<Frame> frame : frames) {
            assertSame(first, frame.get());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> card.rendered(301));
        assertEquals(2, card.framesRendered(), "frame 300 once, and 301 ahead once");
    }

    @Test
    void aFrameDependsOnlyOnItsIndex() {
        TestCard other = card(new VideoSize(320, 240), 25);
        try {
            assertArrayEquals(card.frame(2).orElseThrow().bytes(), other.frame(2).orElseThrow().bytes());
        } finally {
            other.close();
        }
    }

    @Test
    void framesOutsideTheWindowAroundNowAreEmpty() {
        nowAtFrame(1000);
        assertTrue(card.frame(1000 - TestCard.PAST_WINDOW - 1).isEmpty(), "too old");
        assertTrue(card.frame(1000 + TestCard.FUTURE_WINDOW + 1).isEmpty(), "not yet");
        assertTrue(card.frame(0).isEmpty(), "far past");
        assertTrue(card.frame(1_000_000).isEmpty(), "far future");
        assertTrue(card.frame(-1).isEmpty(), "negative");
    }

    @Test
    void framesAtTheWindowEdgesAreServed() {
        nowAtFrame(1000);
        assertTrue(card.frame(1000 - TestCard.PAST_WINDOW).isPresent());
        assertTrue(card.frame(1000 + TestCard.FUTURE_WINDOW).isPresent());
    }

    @Test
    void windowFitsTheRing() {
        assertEquals(TestCard.RING_SIZE, TestCard.PAST_WINDOW + 1 + TestCard.FUTURE_WINDOW);
    }

    @Test
    void aFrameThatLeftTheWindowIsNoLongerServed() {
        nowAtFrame(10);
        assertTrue(card.frame(10).isPresent());
        nowAtFrame(10 + TestCard.PAST_WINDOW + 1);
        assertTrue(card.frame(10).isEmpty());
    }

    @Test
    void nothingIsRenderedUntilAFrameIsAskedFor() {
        nowAtFrame(50);
        card.currentIndex(nanos.get());
        for (long i = 50 - TestCard.PAST_WINDOW; i <= 50 + TestCard.FUTURE_WINDOW; i++) {
            assertFalse(card.rendered(i), "frame " + i);
        }
        assertEquals(0, card.framesRendered());
    }

    @Test
    void theNextFrameIsRenderedAhead() {
        nowAtFrame(20);
        card.frame(20).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> card.rendered(21));
    }

    @Test
    void frameShowsItsOwnPresentationTime() {
        assertEquals(EPOCH_TIME.plusMillis(40 * 3), card.presentationTime(3));
        assertEquals("10:00:00.12", TestPattern.clock(
                java.time.LocalTime.ofInstant(card.presentationTime(3), ZoneOffset.UTC)));
    }

    @Test
    void closedCardServesNothing() {
        assertTrue(card.frame(0).isPresent());
        card.close();
        assertTrue(card.frame(0).isEmpty());
        assertFalse(card.rendered(0));
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
