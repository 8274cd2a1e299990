package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.FrameClock;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionState;
import dev.rill.wire.NptRange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session's state machine on its own: PLAY, PAUSE, the end of the stream and TEARDOWN, the
 * events each tells, and the RTP timestamps it derives from frame times. No sender runs: where a
 * test needs frames to have gone out, it advances the playback as the sender would.
 */
class SessionTest {

    private static final long FIRST_SEQUENCE = 1000;
    private static final long BASE = 5000;

    /** 100 frames at 20 fps: 5 s, frame n at n * 50 ms. */
    private final FakeStoredSource source = new FakeStoredSource("session-test", 100, 20, 16);
    /** Never started: sessions only ask it to prefetch, which queues requests nobody serves. */
    private final StoredFeed feed = new StoredFeed(source, FakePayloadFormat.splitting(1000));
    private final RecordingEvents events = new RecordingEvents();

    @AfterEach
    void closeFeed() {
        feed.close();
    }

    private Session session(SessionDialect dialect) {
        return TestSessions.of(source, feed).dialect(dialect).events(events)
                .firstSequence((int) FIRST_SEQUENCE).timestampBase(BASE).build();
    }

    private static Session.PlayOutcome.Started started(Session.PlayOutcome outcome) {
        return assertInstanceOf(Session.PlayOutcome.Started.class, outcome);
    }

    /** What the sender does after sending the next frame: on to the one after. */
    private static void sendFrames(Session session, Playback playback, int frames) {
        session.lock().lock();
        try {
            for (int i = 0; i < frames; i++) {
                ((StoredPlayback) playback).advance(System.nanoTime());
            }
        } finally {
            session.lock().unlock();
        }
    }

    @Test
    void playStartsPlayingAtTheFirstSequenceAndTheFirstFramesTimestamp() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started s = started(session.play(Optional.empty()));
        assertEquals(SessionState.PLAYING, session.state());
        assertEquals(FIRST_SEQUENCE, s.sequence());
        assertEquals(BASE, s.rtpTime());
        assertEquals(new NptRange(Optional.of(Duration.ZERO), Optional.of(Duration.ofSeconds(5))), s.range());
        assertEquals(List.of("PLAYING"), events.events());
    }

    @Test
    void aSeekStartsAtTheFrameOnShowAndTakesItsTimestampFromThatFrame() {
        Session session = session(SessionDialect.STANDARD);
        // 1.01 s shows frame 20, whose time is 1.000 s: 90,000 ticks after the base.
        Session.PlayOutcome.Started s = started(session.play(Optional.of(NptRange.from(Duration.ofMillis(1010)))));
        assertEquals(BASE + 90_000, s.rtpTime());
        assertEquals(Optional.of(Duration.ofSeconds(1)), s.range().start());
        assertEquals(20, ((StoredPlayback) s.playback()).nextPosition());
    }

    @Test
    void playWhilePlayingWithoutARangeChangesNothing() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started first = started(session.play(Optional.empty()));
        assertInstanceOf(Session.PlayOutcome.Unchanged.class, session.play(Optional.empty()));
        assertEquals(SessionState.PLAYING, session.state());
        assertFalse(first.playback().cancelled(), "the first play goes on");
        assertEquals(List.of("PLAYING"), events.events());
    }

    @Test
    void pauseStopsThePlayAndTheNextPlayResumesAtTheFrameAfterTheLastSent() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started first = started(session.play(Optional.empty()));
        sendFrames(session, first.playback(), 3);

        assertEquals(Optional.empty(), session.pause());
        assertEquals(SessionState.READY, session.state());
        assertTrue(first.playback().cancelled());

        Session.PlayOutcome.Started again = started(session.play(Optional.empty()));
        assertEquals(3, ((StoredPlayback) again.playback()).nextPosition());
        assertEquals(Optional.of(Duration.ofMillis(150)), again.range().start());
        assertEquals(BASE + 3 * 4500, again.rtpTime());
    }

    @Test
    void pauseWhenReadyIsRefusedWith455() {
        Session session = session(SessionDialect.STANDARD);
        Optional<Session.PlayOutcome.Refused> refused = session.pause();
        assertEquals(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE.code(), refused.orElseThrow().status().code());
        assertEquals(List.of(), events.events());
    }

    @Test
    void pauseAfterTheStreamRanOutIsAccepted() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started s = started(session.play(Optional.empty()));
        session.lock().lock();
        try {
            ((StoredPlayback) s.playback()).advance(System.nanoTime());
            session.endOfStreamLocked();
        } finally {
            session.lock().unlock();
        }
        assertEquals(SessionState.READY, session.state());
        assertEquals(Optional.empty(), session.pause(), "the client still thought it was playing");
        assertEquals(List.of("PLAYING", "endOfStream"), events.events());
    }

    @Test
    void aStreamThatRanToItsEndPlaysAgainFromTheStart() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started s = started(session.play(Optional.empty()));
        sendFrames(session, s.playback(), 100);
        session.lock().lock();
        try {
            session.endOfStreamLocked();
        } finally {
            session.lock().unlock();
        }
        Session.PlayOutcome.Started again = started(session.play(Optional.empty()));
        assertEquals(0, ((StoredPlayback) again.playback()).nextPosition());
        assertEquals(BASE, again.rtpTime());
    }

    @Test
    void endTwiceEndsOnceAndSaysByeOnce() {
        Session session = session(SessionDialect.STANDARD);
        started(session.play(Optional.empty()));
        session.end("TEARDOWN");
        session.end("connection closed");
        assertEquals(SessionState.CLOSED, session.state());
        assertEquals(List.of("PLAYING", "bye", "ended TEARDOWN"), events.events());
    }

    @Test
    void aSessionThatIsNotPlayingEndsWithoutBye() {
        Session session = session(SessionDialect.STANDARD);
        session.end("TEARDOWN");
        assertEquals(List.of("ended TEARDOWN"), events.events());
    }

    @Test
    void aClassicSessionEndsWithoutByeEvenWhilePlaying() {
        Session session = session(SessionDialect.CLASSIC);
        started(session.play(Optional.empty()));
        session.end("connection closed");
        assertEquals(List.of("PLAYING", "ended connection closed"), events.events());
    }

    @Test
    void playAfterTheEndIsRefusedWith454() {
        Session session = session(SessionDialect.STANDARD);
        session.end("TEARDOWN");
        Session.PlayOutcome.Refused refused = assertInstanceOf(Session.PlayOutcome.Refused.class,
                session.play(Optional.empty()));
        assertEquals(RtspStatus.SESSION_NOT_FOUND.code(), refused.status().code());
    }

    @Test
    void eventsComeInTheOrderOfTheTransitions() {
        Session session = session(SessionDialect.STANDARD);
        started(session.play(Optional.empty()));
        session.pause();
        started(session.play(Optional.empty()));
        session.end("TEARDOWN");
        assertEquals(List.of("PLAYING", "READY", "PLAYING", "bye", "ended TEARDOWN"), events.events());
    }

    @Test
    void aClassicSessionIgnoresRange() {
        Session session = session(SessionDialect.CLASSIC);
        Session.PlayOutcome.Started s = started(session.play(Optional.of(NptRange.from(Duration.ofSeconds(2)))));
        assertEquals(0, ((StoredPlayback) s.playback()).nextPosition());
        assertEquals(BASE, s.rtpTime());
    }

    @Test
    void aSeekPastTheEndIsRefusedWith457AndChangesNothing() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Refused refused = assertInstanceOf(Session.PlayOutcome.Refused.class,
                session.play(Optional.of(NptRange.from(Duration.ofSeconds(6)))));
        assertEquals(RtspStatus.INVALID_RANGE.code(), refused.status().code());
        assertEquals(SessionState.READY, session.state());
        assertEquals(List.of(), events.events());
    }

    @Test
    void aSeekWhilePlayingRestartsThePlayAtTheNewPosition() {
        Session session = session(SessionDialect.STANDARD);
        Session.PlayOutcome.Started first = started(session.play(Optional.empty()));
        Session.PlayOutcome.Started seek = started(session.play(Optional.of(NptRange.from(Duration.ofSeconds(2)))));
        assertTrue(first.playback().cancelled());
        assertEquals(40, ((StoredPlayback) seek.playback()).nextPosition());
        assertEquals(BASE + 2 * 90_000, seek.rtpTime());
    }

    @Test
    void timestampsAt20FpsAdvance4500TicksAFrame() {
        Session session = session(SessionDialect.STANDARD);
        FrameClock clock = new FrameClock(20);
        for (long n = 0; n < 2000; n++) {
            assertEquals(BASE + 4500 * n, session.timestampAt(clock.timeOf(n)), "frame " + n);
        }
    }

    @Test
    void timestampsAt30FpsAdvance3000TicksAFrameWithoutDrift() {
        Session session = session(SessionDialect.STANDARD);
        FrameClock clock = new FrameClock(30);
        // Frame times are rounded to whole nanoseconds (33,333,333 ns); the ticks must not drift.
        for (long n = 0; n < 30 * 3600; n += 7) {
            assertEquals(BASE + 3000 * n, session.timestampAt(clock.timeOf(n)), "frame " + n);
        }
    }

    @Test
    void timestampsWrapAt2To32() {
        long base = (1L << 32) - 100;
        Session session = TestSessions.of(source, feed).timestampBase(base).build();
        assertEquals(base, session.timestampAt(0));
        assertEquals(4400, session.timestampAt(new FrameClock(20).timeOf(1)));
        // 13 h 15 min 15.6 s of media is 2^32 ticks at 90 kHz: back to the base.
        assertEquals(base, session.timestampAt((1L << 32) * 1_000_000_000L / 90_000));
    }
}
