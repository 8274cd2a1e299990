package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * While the sessions play, opens one more session every interval (OPTIONS, DESCRIBE, SETUP,
 * PLAY, TEARDOWN on a fresh connection) and records each request's round trip: the control
 * path's latency under full load, which the ramp's numbers mix with the ramp's own load. Its
 * media is never read; the session lasts one round trip.
 */
final class Probe implements AutoCloseable {

    private final Handshake handshake;
    private final long intervalNanos;
    private final LatencyHistogram roundTrips = new LatencyHistogram();
    private final Thread thread;
    private volatile boolean running = true;
    private long failures;
    private int next = -1;

    Probe(Handshake handshake, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("probe interval must be > 0 ns: " + intervalNanos);
        }
        this.handshake = handshake;
        this.intervalNanos = intervalNanos;
        this.thread = Thread.ofVirtual().name("rill-bench-probe").start(this::run);
    }

    private void run() {
        long due = System.nanoTime();
        while (running) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
                continue;
            }
            due += intervalNanos;
            probeOnce();
        }
    }

    private void probeOnce() {
        LoadSession s = new LoadSession(next--);
        try {
            handshake.establish(s);
            handshake.teardown(s);
            for (LoadSession.Step step : LoadSession.Step.values()) {
                roundTrips.record(s.roundTrip(step));
            }
        } catch (Exception e) {
            failures++;
        } finally {
            s.close();
        }
    }

    /** Stops probing (waits for the probe in flight); after this the results may be read. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    LatencyHistogram roundTrips() {
        return roundTrips;
    }

    long failures() {
        return failures;
    }
}
