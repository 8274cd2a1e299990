package dev.rill.plugin.stats;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs each task on its own virtual thread, at most {@code limit} at once; one more is refused
 * with {@link RejectedExecutionException} rather than queued. For the JDK's HTTP server that
 * refusal closes the new request's connection, so a flood of scrapers costs a bounded number of
 * threads and never delays the RTSP server.
 */
final class BoundedVirtualExecutor implements Executor {

    private final Semaphore permits;
    private final Thread.Builder threads;

    BoundedVirtualExecutor(String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        this.permits = new Semaphore(limit);
        this.threads = Thread.ofVirtual().name(name + "-", 0);
    }

    @Override
    public void execute(Runnable task) {
        if (!permits.tryAcquire()) {
            throw new RejectedExecutionException("busy: " + (permits.availablePermits()) + " free");
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
