package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rill.spi.MediaSource;
import dev.rill.spi.RtpPayloadFormat;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One feed per (source, format), started by its first user and closed by its last. */
class FeedsTest {

    private final Feeds feeds = new Feeds(1388);
    private final RtpPayloadFormat format = new FakePayloadFormat();

    @AfterEach
    void close() {
        feeds.close();
    }

    @Test
    void aClosedSourcesTapIsForgottenOnlyOnceNoFeedUsesIt() {
        FakeLiveSource source = new FakeLiveSource("relayed-path");
        Feed feed = feeds.acquire(source, format);
        feeds.forget(source);
        assertEquals(1, feeds.taps(), "a feed still reads it");
        feeds.release(feed);
        feeds.forget(source);
        assertEquals(0, feeds.taps());
    }

    @Test
    void twoUsersOfASourceShareOneFeedStartedOnce() {
        FakeLiveSource source = new FakeLiveSource("shared-live");
        Feed first = feeds.acquire(source, format);
        Feed second = feeds.acquire(source, format);
        assertSame(first, second);
        assertEquals(1, source.starts());
        assertEquals(1, feeds.open());
    }

    @Test
    void theLastReleaseClosesTheFeedOnce() {
        FakeLiveSource source = new FakeLiveSource("released-live");
        Feed feed = feeds.acquire(source, format);
        feeds.acquire(source, format);
        feeds.release(feed);
        assertEquals(0, source.stops(), "one user is left");
        assertEquals(1, feeds.open());
        feeds.release(feed);
        assertEquals(1, source.stops());
        assertEquals(0, feeds.open());
    }

    @Test
    void aSourceUsedAgainAfterItsFeedClosedGetsANewFeed() {
        FakeLiveSource source = new FakeLiveSource("back-again");
        Feed before = feeds.acquire(source, format);
        feeds.release(before);
        Feed after = feeds.acquire(source, format);
        assertNotSame(before, after);
        assertEquals(2, source.starts());
    }

    @Test
    void aStoredSourceGetsAStoredFeedAndALiveSourceALiveFeed() {
        assertInstanceOf(StoredFeed.class, feeds.acquire(new FakeStoredSource("stored", 10, 20, 100), format));
        assertInstanceOf(LiveFeed.class, feeds.acquire(new FakeLiveSource("live"), format));
        assertEquals(2, feeds.open());
    }

    @Test
    void oneSourceInTwoFormatsHasTwoFeeds() {
        FakeStoredSource source = new FakeStoredSource("two-formats", 10, 20, 100);
        RtpPayloadFormat other = new FakePayloadFormat("X-UNIT-OTHER");
        assertNotSame(feeds.acquire(source, format), feeds.acquire(source, other));
        assertEquals(2, feeds.open());
    }

    @Test
    void aLiveSourceInTwoFormatsIsStartedOnceAndStoppedWithItsLastFeed() {
        FakeLiveSource source = new FakeLiveSource("camera");
        RtpPayloadFormat other = new FakePayloadFormat("X-UNIT-OTHER");
        Feed standard = feeds.acquire(source, format);
        Feed classic = feeds.acquire(source, other);
        assertNotSame(standard, classic);
        assertEquals(1, source.starts());
        feeds.release(standard);
        assertEquals(0, source.stops());
        feeds.release(classic);
        assertEquals(1, source.stops());
        feeds.acquire(source, format);
        assertEquals(2, source.starts());
    }

    @Test
    void aSourceThatIsNeitherStoredNorLiveIsRefused() {
        MediaSource neither = new MediaSource() {
            @Override
            public String encoding() {
                return FakePayloadFormat.NAME;
            }

            @Override
            public OptionalDouble nominalFrameRate() {
                return OptionalDouble.empty();
            }

            @Override
            public String describe() {
                return "neither";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> feeds.acquire(neither, format));
        assertEquals(0, feeds.open());
    }

    @Test
    void closeClosesEveryFeed() {
        FakeLiveSource a = new FakeLiveSource("a");
        FakeLiveSource b = new FakeLiveSource("b");
        feeds.acquire(a, format);
        feeds.acquire(b, format);
        feeds.close();
        assertEquals(1, a.stops());
        assertEquals(1, b.stops());
        assertEquals(0, feeds.open());
    }
}
