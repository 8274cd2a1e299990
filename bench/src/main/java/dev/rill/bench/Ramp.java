package dev.rill.bench;

import dev.rill.wire.RtspParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs many sessions' work on virtual threads with at most {@code concurrency} in flight (a
 * {@link Semaphore}): the handshakes at the start, the teardowns at the end. Failures are
 * counted by reason; the whole run is bounded by a deadline.
 */
final class Ramp {

    /** Work for one session; throws with the reason it failed. */
    interface Step {
        void run(LoadSession session) throws Exception;
    }

    /**
     * What a ramp did.
     *
     * @param succeeded  the sessions whose step succeeded, by index
     * @param failures   how many failed, per reason
     * @param started    {@code System.nanoTime()} when the first step began
     * @param firstDone  when the first step succeeded (0 if none)
     * @param lastDone   when the last step succeeded (0 if none)
     * @param unfinished steps still running at the deadline (their sessions count as failed)
     */
    record Outcome(List<LoadSession> succeeded, Map<String, Long> failures, long started, long firstDone,
                   long lastDone, int unfinished) {
        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum() + unfinished;
        }
    }

    private Ramp() {
    }

    /**
     * Runs {@code step} for every session, at most {@code concurrency} at once, until done or the
     * deadline.
     */
    static Outcome run(List<LoadSession> sessions, int concurrency, long timeoutNanos, Step step)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        ConcurrentLinkedQueue<LoadSession> succeeded = new ConcurrentLinkedQueue<>();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(0);
        AtomicInteger finished = new AtomicInteger();
        long started = System.nanoTime();
        long deadline = started + timeoutNanos;
        int launched = 0;
        for (LoadSession s : sessions) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            launched++;
            Thread.ofVirtual().name("rill-bench-session-" + s.index()).start(() -> {
                try {
                    step.run(s);
                    long done = System.nanoTime();
                    first.accumulateAndGet(done, Math::min);
                    last.accumulateAndGet(done, Math::max);
                    succeeded.add(s);
                } catch (Exception e) {
                    failures.merge(reason(e), 1L, Long::sum);
                } finally {
                    finished.incrementAndGet();
                    permits.release();
                }
            });
        }
        // Waits for the steps in flight; those still running at the deadline are abandoned.
        boolean all = permits.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int notLaunched = sessions.size() - launched;
        if (notLaunched > 0) {
            failures.merge("not started before the ramp timeout", (long) notLaunched, Long::sum);
        }
        int unfinished = all ? 0 : launched - finished.get();
        List<LoadSession> done = new ArrayList<>(succeeded);
        done.sort(Comparator.comparingInt(LoadSession::index));
        return new Outcome(List.copyOf(done), Map.copyOf(failures), started,
                first.get() == Long.MAX_VALUE ? 0 : first.get(), last.get(), unfinished);
    }

    /** A short reason for a failure, the same for every session that failed the same way. */
    static String reason(Exception e) {
        Function<String, String> clean = m -> m == null ? "" : m.replaceAll("\\d{2,}", "#");
        return switch (e) {
            case Handshake.Refused r -> r.getMessage();
            case RtspParseException p -> "bad RTSP from server: " + clean.apply(p.reason());
            case IOException io when io.getCause() instanceof RtspParseException p ->
                    "bad RTSP from server: " + clean.apply(p.reason()); // as the RTSP client reports it
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + clean.apply(e.getMessage()));
        };
    }
}
