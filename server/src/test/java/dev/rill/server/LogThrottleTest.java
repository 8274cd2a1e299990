package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A flood of events makes one log line per interval, which counts them all. */
class LogThrottleTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theFirstEventIsLoggedAndLaterOnesAreCountedIntoTheNextDueLine() {
        LogThrottle throttle = new LogThrottle(10 * SECOND);
        assertEquals(1, throttle.event(0));
        long silent = 0;
        for (int i = 1; i <= 9000; i++) {
            silent += throttle.event(i * SECOND / 1000);
        }
        assertEquals(0, silent, "9,000 events within 9 s after the first: no line");
        assertEquals(9001, throttle.event(10 * SECOND));
        assertEquals(0, throttle.event(11 * SECOND));
    }
}
