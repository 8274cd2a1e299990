package dev.rill.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Optional;
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
 *
 * <p>A frame's packets are queued as one block of buffers: the {@code $} framing and RTP headers
 * in small buffers, the payloads as views of the frame's shared fragments (nothing copied on the
 * sender's thread). The writer sends a block with one gathering write when the connection has a
 * channel (plain TCP), else (TLS) copies it into one array and writes that.
 */
final class InterleavedOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterleavedOutput.class);
    /** Bytes queued for one connection at most: about a second of 320x240 video at 20 fps. */
    static final int MAX_QUEUED_BYTES = 512 * 1024;

    private final OutputStream out;
    private final Optional<GatheringByteChannel> channel;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Block> queue = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private int queuedBytes;
    /** {@code System.nanoTime()} when a write began that has not finished, or 0. */
    private volatile long writeStarted;
    private long dropped;
    private boolean closed;
    private Thread writer;
    /** The writer's copy of a block, for a connection without a channel; grown to the largest block. */
    private byte[] scratch = new byte[0];

    /** Queued bytes: one packet, or a frame's packets in sending order. */
    private record Block(ByteBuffer[] buffers, int length) {
    }

    /**
     * @param out     the connection's stream, for responses (and for blocks without a channel)
     * @param channel the same connection as a channel (blocking), when it has one
     */
    InterleavedOutput(OutputStream out, Optional<GatheringByteChannel> channel, String name) {
        this.out = out;
        this.channel = channel;
        this.name = name;
    }

    InterleavedOutput(OutputStream out, String name) {
        this(out, Optional.empty(), name);
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
        offer(new ByteBuffer[] {ByteBuffer.wrap(frame)}, frame.length);
    }

    /**
     * Queues a block of {@code $} frames, written together or dropped together; never blocks.
     * The buffers are the writer's from now on (views of shared data are fine: it only reads).
     */
    void offer(ByteBuffer[] buffers, int length) {
        Block frame = new Block(buffers, length);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (writer == null) {
                writer = Thread.ofVirtual().name("rill-interleaved-" + name).start(this::drain);
            }
            while (!queue.isEmpty() && queuedBytes + length > MAX_QUEUED_BYTES) {
                queuedBytes -= queue.pollFirst().length();
                dropped++;
            }
            if (length > MAX_QUEUED_BYTES) {
                dropped++;
                return;
            }
            queue.addLast(frame);
            queuedBytes += length;
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
            Block next;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    ready.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    return;
                }
                next = queue.pollFirst();
                queuedBytes -= next.length();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                write(next);
            } catch (IOException e) {
                LOG.debug("{}: interleaved write failed: {}", name, e.toString());
                close();
                return;
            }
        }
    }

    /** Writes a block whole: one gathering write on a channel, else one copy and one write. */
    private void write(Block block) throws IOException {
        writeLock.lock();
        try {
            writeStarted = System.nanoTime();
            if (channel.isPresent()) {
                long left = block.length();
                // Blocking channel: each write makes progress, so this ends after at most `length` rounds.
                while (left > 0) {
                    left -= channel.get().write(block.buffers());
                }
            } else {
                if (scratch.length < block.length()) {
                    scratch = new byte[block.length()];
                }
                int at = 0;
                for (ByteBuffer b : block.buffers()) {
                    int n = b.remaining();
                    b.get(b.position(), scratch, at, n);
                    at += n;
                }
                out.write(scratch, 0, at);
                out.flush();
            }
        } finally {
            writeStarted = 0;
            writeLock.unlock();
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
