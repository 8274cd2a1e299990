package dev.rill.server;

import dev.rill.spi.RtspMethod;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Streams already playing come first, and newcomers still get an answer. While the senders run
 * behind their schedule, requests that add work pass this lane one at a time, in arrival order,
 * so the control plane holds at most one core and the senders keep the rest. A request never
 * waits for the senders to catch up (on a saturated machine they may not), only for the
 * requests ahead of it, and never longer than {@code maxWaitNanos}; then it is served anyway.
 *
 * <p>The rule it replaces let every request wait, up to 2 s, until the lag fell below 100 ms:
 * under load the lag hovered there, so a burst of handshakes waited seconds and then went in
 * all together (3,000 sessions on two cores: a 79-s ramp, SETUP p99 2.0 s; with the lane 15 s
 * and 0.3 s, README "Send paths side by side"). Requests that take work away or keep a session
 * alive never queue.
 */
final class AdmissionLane {

    /** A place in the lane, given back when the request has been answered. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final Pass FREE = () -> { };
    private static final Set<RtspMethod> NEVER_QUEUED = Set.of(RtspMethod.PAUSE, RtspMethod.TEARDOWN,
            RtspMethod.GET_PARAMETER, RtspMethod.SET_PARAMETER, RtspMethod.OPTIONS);

    private final LongSupplier lagNanos;
    private final long lagLimitNanos;
    private final long maxWaitNanos;
    private final Semaphore lane = new Semaphore(1, true);

    /**
     * @param lagNanos      how far behind their schedule the senders are now
     * @param lagLimitNanos the lag from which requests queue
     * @param maxWaitNanos  the longest a request queues
     */
    AdmissionLane(LongSupplier lagNanos, long lagLimitNanos, long maxWaitNanos) {
        this.lagNanos = lagNanos;
        this.lagLimitNanos = lagLimitNanos;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * Returns when {@code method} may be served: at once while the senders are on time (or for a
     * method that never queues), else when the requests ahead have been answered or the wait
     * has run out. Close the pass after answering.
     */
    Pass enter(RtspMethod method) {
        if (NEVER_QUEUED.contains(method) || lagNanos.getAsLong() <= lagLimitNanos) {
            return FREE;
        }
        try {
            if (lane.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                AtomicBoolean held = new AtomicBoolean(true);
                return () -> {
                    if (held.getAndSet(false)) {
                        lane.release();
                    }
                };
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FREE;
    }

    /** Requests waiting in the lane now (for tests). */
    int queued() {
        return lane.getQueueLength();
    }
}
