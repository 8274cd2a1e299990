package dev.rill.server;

/**
 * At most one log line per interval for an event that may come thousands of times a second (a
 * flood of refused connections): the first event is logged at once, later ones are counted and
 * the next line that is due says how many it stands for. Used by one thread only.
 */
final class LogThrottle {

    private final long intervalNanos;
    private long lastLine;
    private long pending;
    private boolean logged;

    LogThrottle(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
    }

    /**
     * Counts one event at {@code now} ({@code System.nanoTime()}).
     *
     * @return 0 when no line is due; otherwise the events the line logged now stands for (this
     *         one and those counted since the last line)
     */
    long event(long now) {
        pending++;
        if (logged && now - lastLine < intervalNanos) {
            return 0;
        }
        logged = true;
        lastLine = now;
        long n = pending;
        pending = 0;
        return n;
    }
}
