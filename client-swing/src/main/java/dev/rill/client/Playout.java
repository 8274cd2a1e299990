package dev.rill.client;

import dev.rill.spi.ReceivedFrame;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that takes frames out of the {@link JitterBuffer} at their presentation time and
 * hands them to the {@link FrameSink}. The receiver offers frames from its own thread; the
 * buffer is guarded by one lock, never held while the sink works.
 */
final class Playout implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Playout.class);
    /** Longest single wait, so that close is noticed even if no signal comes. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final JitterBuffer buffer;
    private final FrameSink sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long shown;
    private volatile OptionalLong lastShownTimestamp = OptionalLong.empty();

    Playout(JitterBuffer buffer, FrameSink sink) {
        this.buffer = buffer;
        this.sink = sink;
        this.thread = Thread.ofVirtual().name("rill-playout").unstarted(this::run);
    }

    Playout start() {
        thread.start();
        return this;
    }

    /** Takes a frame that has just completed. */
    JitterBuffer.Outcome offer(ReceivedFrame frame) {
        lock.lock();
        try {
            JitterBuffer.Outcome outcome = buffer.offer(frame, System.nanoTime());
            changed.signalAll();
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is held and starts a new timeline with the next frame (after PLAY or a seek). */
    void restart() {
        lock.lock();
        try {
            buffer.reset();
            lastShownTimestamp = OptionalLong.empty();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            Optional<JitterBuffer.Entry> next;
            lock.lock();
            try {
                next = buffer.pollDue(System.nanoTime());
                if (next.isEmpty()) {
                    OptionalLong due = buffer.nextDue();
                    long wait = due.isPresent() ? Math.min(MAX_WAIT_NANOS, due.getAsLong() - System.nanoTime())
                            : MAX_WAIT_NANOS;
                    if (wait > 0) {
                        changed.awaitNanos(wait);
                    }
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                sink.show(next.get().frame());
            } catch (RuntimeException e) {
                LOG.warn("cannot show a frame: {}", e.toString());
            }
            shown++;
            lastShownTimestamp = OptionalLong.of(next.get().frame().timestamp());
        }
    }

    /** Frames handed to the sink. */
    long shown() {
        return shown;
    }

    /** RTP timestamp of the frame shown last. */
    OptionalLong lastShownTimestamp() {
        return lastShownTimestamp;
    }

    long late() {
        lock.lock();
        try {
            return buffer.late();
        } finally {
            lock.unlock();
        }
    }

    long overflow() {
        lock.lock();
        try {
            return buffer.overflow();
        } finally {
            lock.unlock();
        }
    }

    /** True when no frame is waiting. */
    boolean isEmpty() {
        lock.lock();
        try {
            return buffer.size() == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread and waits (at most a second) for the frame it may be showing, so nothing is shown after. */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(java.time.Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
