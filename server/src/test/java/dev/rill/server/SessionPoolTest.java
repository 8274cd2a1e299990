package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.SessionState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool: ids in each dialect's form, its bound, lookups by id and SSRC, and the reaper. */
class SessionPoolTest {

    private final FakeStoredSource source = new FakeStoredSource("pool-test", 10, 20, 16);
    private final StoredFeed feed = new StoredFeed(source, FakePayloadFormat.splitting(1000));
    private SessionPool pool = new SessionPool(3, 60);

    @AfterEach
    void close() {
        pool.close();
        feed.close();
    }

    private Optional<Session> create(SessionDialect dialect, long ssrc) {
        return pool.create(dialect, id -> TestSessions.of(source, feed).dialect(dialect).id(id).ssrc(ssrc).build());
    }

    @Test
    void aStandardSessionGetsA32HexDigitId() {
        Session s = create(SessionDialect.STANDARD, 1).orElseThrow();
        assertTrue(s.id().matches("[0-9A-F]{32}"), s.id());
        assertSame(s, pool.find(s.id()).orElseThrow());
    }

    @Test
    void aClassicSessionGetsAPositiveIntegerId() {
        Session s = create(SessionDialect.CLASSIC, 1).orElseThrow();
        assertTrue(Integer.parseInt(s.id()) > 0, s.id());
        assertSame(s, pool.find(s.id()).orElseThrow());
    }

    @Test
    void thePoolRefusesASessionPastItsBoundWithoutMakingIt() {
        for (int i = 0; i < 3; i++) {
            assertTrue(create(SessionDialect.STANDARD, i).isPresent());
        }
        AtomicInteger made = new AtomicInteger();
        Optional<Session> fourth = pool.create(SessionDialect.STANDARD, id -> {
            made.incrementAndGet();
            return TestSessions.of(source, feed).id(id).build();
        });
        assertEquals(Optional.empty(), fourth);
        assertEquals(0, made.get());
        assertEquals(3, pool.size());
    }

    @Test
    void aRemovedSessionIsGoneAndMakesRoom() {
        for (int i = 0; i < 3; i++) {
            create(SessionDialect.STANDARD, i);
        }
        Session gone = pool.all().get(0);
        assertTrue(pool.remove(gone));
        assertFalse(pool.remove(gone), "removing twice finds nothing the second time");
        assertEquals(Optional.empty(), pool.find(gone.id()));
        assertEquals(Optional.empty(), pool.bySsrc(gone.ssrc()));
        assertTrue(create(SessionDialect.STANDARD, 7).isPresent());
    }

    @Test
    void aSessionIsFoundByItsSsrc() {
        Session a = create(SessionDialect.STANDARD, 0xAAAA).orElseThrow();
        Session b = create(SessionDialect.STANDARD, 0xBBBB).orElseThrow();
        assertSame(a, pool.bySsrc(0xAAAA).orElseThrow());
        assertSame(b, pool.bySsrc(0xBBBB).orElseThrow());
        assertEquals(Optional.empty(), pool.bySsrc(0xCCCC));
    }

    @Test
    void anSsrcClashKeepsTheFirstSession() {
        Session first = create(SessionDialect.STANDARD, 0xAAAA).orElseThrow();
        Session second = create(SessionDialect.STANDARD, 0xAAAA).orElseThrow();
        assertSame(first, pool.bySsrc(0xAAAA).orElseThrow());
        assertTrue(pool.remove(second));
        assertSame(first, pool.bySsrc(0xAAAA).orElseThrow(), "removing the second leaves the first's entry");
    }

    @Test
    void theReaperEndsAStandardSessionNobodyKeptAliveAndSparesAClassicOne() {
        pool.close();
        pool = new SessionPool(3, 0);
        RecordingEvents standardEvents = new RecordingEvents();
        Session standard = pool.create(SessionDialect.STANDARD,
                id -> TestSessions.of(source, feed).id(id).events(standardEvents).build()).orElseThrow();
        Session classic = pool.create(SessionDialect.CLASSIC,
                id -> TestSessions.of(source, feed).dialect(SessionDialect.CLASSIC).id(id).build()).orElseThrow();
        pool.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> standard.state() == SessionState.CLOSED);
        assertEquals(1, standardEvents.count("ended timed out"));
        // The reaper looks once a second; the classic session stays through the next rounds.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                .until(() -> classic.state() == SessionState.READY);
    }
}
