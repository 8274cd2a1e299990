package dev.rill.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP connection's outgoing bytes: responses, and RTP/RTCP as {@code $} frames for
 * interleaved sessions. The sender only queues (it never blocks on a slow TCP reader); one
 * virtual thread writes. The queue is bounded in bytes: when a packet does not fit, the oldest
 * queued packets are dropped (and counted) to make room, so a slow reader loses whole old data
 * rather than stalling anyone or growing without limit.
 */
final class InterleavedOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterleavedOutput.class);
    /** Bytes queued for one connection at most: about a second of 320x240 video at 20 fps. */
    static final int MAX_QUEUED_BYTES = 512 * 1024;

    private final OutputStream out;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private int queuedBytes;
    /** {@code System.nanoTime()} when a write began that has not finished, or 0. */
    private volatile long writeStarted;
    private long dropped;
    private boolean closed;
    private Thread writer;

    InterleavedOutput(OutputStream out, String name) {
        this.out = out;
        this.name = name;
    }

    /** Writes a response now, between queued packets, from the connection's own thread. */
    void writeNow(byte[] bytes) throws IOException {
        writeLock.lock();
        try {
            writeStarted = System.nanoTime();
            out.write(bytes);
            out.flush();
        } finally {
            writeStarted = 0;
            writeLock.unlock();
        }
    }

    /** How long the current write has been blocked on a peer that does not read; 0 when none is. */
    long stalledNanos(long now) {
        long started = writeStarted;
        return started == 0 ? 0 : now - started;
    }

    /** Queues one {@code $} frame; never blocks. */
    void offer(byte[] frame) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (writer == null) {
                writer = Thread.ofVirtual().name("rill-interleaved-" + name).start(this::drain);
            }
            while (!queue.isEmpty() && queuedBytes + frame.length > MAX_QUEUED_BYTES) {
                queuedBytes -= queue.pollFirst().length;
                dropped++;
            }
            if (frame.length > MAX_QUEUED_BYTES) {
                dropped++;
                return;
            }
            queue.addLast(frame);
            queuedBytes += frame.length;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queued blocks (a frame's packets, or one RTCP packet) dropped because the reader was too slow. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        while (true) {
            byte[] next;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    ready.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    return;
                }
                next = queue.pollFirst();
                queuedBytes -= next.length;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                writeNow(next);
            } catch (IOException e) {
                LOG.debug("{}: interleaved write failed: {}", name, e.toString());
                close();
                return;
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
