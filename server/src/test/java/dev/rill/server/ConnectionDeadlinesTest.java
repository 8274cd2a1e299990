package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection's deadlines, on a clock the test moves: no socket, no waiting. */
class ConnectionDeadlinesTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    final ConnectionDeadlines deadlines = new ConnectionDeadlines(10 * SECOND, 60 * SECOND, 10 * SECOND, 0);

    @Test
    void aConnectionWithASessionNeverExpiresAndPollsEveryFiveSecondsOnlyWhereOtherThreadsWriteToIt() {
        // Interleaved media: the writer may stall while the connection's thread reads.
        assertEquals(5001, deadlines.readTimeoutMillis(0, false, true, 0, true));
        // Media over UDP: nothing can pass a deadline while it reads; it wakes once a minute.
        assertEquals(60_001, deadlines.readTimeoutMillis(0, false, true, 0, false));
        assertEquals(Optional.empty(), deadlines.expired(3600 * SECOND, false, true, 0));
    }

    @Test
    void aConnectionWithoutSessionIsIdleAfterTheIdleTimeout() {
        deadlines.bytesArrived(SECOND, true);
        deadlines.requestArrived();
        deadlines.requestHandled(SECOND);
        assertEquals(Optional.empty(), deadlines.expired(60 * SECOND, false, false, 0));
        assertEquals(Optional.of(ConnectionDeadlines.Expiry.IDLE), deadlines.expired(62 * SECOND, false, false, 0));
        assertEquals(1, deadlines.readTimeoutMillis(62 * SECOND, false, false, 0, false));
    }

    @Test
    void aBegunRequestMustBeCompleteWithinTheRequestTimeout() {
        deadlines.bytesArrived(2 * SECOND, true);
        deadlines.bytesArrived(8 * SECOND, false);
        // The request began at 2 s: its deadline, 12 s, comes before the next 5-s poll.
        assertEquals(4001, deadlines.readTimeoutMillis(8 * SECOND, true, true, 0, false));
        assertEquals(Optional.of(ConnectionDeadlines.Expiry.REQUEST_TIMEOUT), deadlines.expired(13 * SECOND, true, true, 0));
    }

    @Test
    void aPeerThatTakesNothingForThirtySecondsIsGone() {
        assertEquals(1001, deadlines.readTimeoutMillis(0, false, true, 29 * SECOND, false));
        assertEquals(Optional.of(ConnectionDeadlines.Expiry.WRITE_STALL), deadlines.expired(0, false, true, 31 * SECOND));
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheFirstRequestTimeoutNotTheIdleOne() {
        assertEquals(2001, deadlines.readTimeoutMillis(8 * SECOND, false, false, 0, false));
        assertEquals(Optional.empty(), deadlines.expired(9 * SECOND, false, false, 0));
        assertEquals(Optional.of(ConnectionDeadlines.Expiry.NO_REQUEST), deadlines.expired(11 * SECOND, false, false, 0));
    }

    @Test
    void aTrickleOfBytesIsNoRequest() {
        deadlines.bytesArrived(SECOND, true);
        deadlines.bytesArrived(9 * SECOND, false);
        // Each byte renews the idle time, not the first-request time, which ran from 0.
        assertEquals(Optional.of(ConnectionDeadlines.Expiry.NO_REQUEST), deadlines.expired(10 * SECOND + 1, true, false, 0));
    }

    @Test
    void afterItsFirstRequestAConnectionIsHeldToTheIdleTimeout() {
        deadlines.bytesArrived(SECOND, true);
        deadlines.requestArrived();
        deadlines.requestHandled(SECOND);
        assertEquals(5001, deadlines.readTimeoutMillis(8 * SECOND, false, false, 0, false));
        assertEquals(Optional.empty(), deadlines.expired(30 * SECOND, false, false, 0));
    }
}
