package dev.rill.server;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs each task on its own virtual thread, at most {@code limit} at once; one more is refused with
 * {@link RejectedExecutionException} rather than queued. The JDK's HTTP server closes the
 * connection of a request its executor refuses, so a flood of viewers costs a bounded number of
 * threads.
 */
final class BoundedExecutor implements Executor {

    private final Semaphore permits;
    private final Thread.Builder threads;

    BoundedExecutor(String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        this.permits = new Semaphore(limit);
        this.threads = Thread.ofVirtual().name(name + "-", 0);
    }

    @Override
    public void execute(Runnable task) {
        if (!permits.tryAcquire()) {
            throw new RejectedExecutionException("all threads busy");
        }
        try {
            threads.start(() -> {
                try {
                    task.run();
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }
}
