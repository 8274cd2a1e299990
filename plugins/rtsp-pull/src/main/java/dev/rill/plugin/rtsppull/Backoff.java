package dev.rill.plugin.rtsppull;

import java.time.Duration;

/** Delays between reconnect attempts: 1 s, doubling to at most 30 s; back to 1 s after a good session. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The delay before the next attempt; the one after is twice as long, up to {@link #MAX}. */
    Duration next() {
        Duration now = next;
        next = now.multipliedBy(2).compareTo(MAX) > 0 ? MAX : now.multipliedBy(2);
        return now;
    }

    /** The upstream delivered: the next failure waits {@link #FIRST} again. */
    void reset() {
        next = FIRST;
    }
}
