package dev.rill.server;

import dev.rill.server.tcp.DirectSend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP connection's outgoing bytes: responses, and RTP/RTCP as {@code $} frames for
 * interleaved sessions. The sender never blocks on a slow TCP reader: it queues, or sends
 * without waiting (below); one virtual thread writes what is queued. The queue is bounded in bytes: when a packet does not fit, the oldest
 * queued packets are dropped (and counted) to make room, so a slow reader loses whole old data
 * rather than stalling anyone or growing without limit.
 *
 * <p>A frame's packets are queued as one block of buffers: the {@code $} framing and RTP headers
 * in small buffers, the payloads as views of the frame's shared fragments (nothing copied while
 * it waits). The writer sends a block with one gathering write when the connection has a
 * channel (plain TCP), else (TLS) copies it into one array and writes that.
 *
 * <p>With a {@link DirectSend} (plain TCP on Linux) a block skips the queue when nothing is
 * queued or being written: the offering thread copies it into one array and sends it without
 * waiting, and the writer thread is not woken at all. What the socket's buffer cannot take of it
 * is kept aside and written by the writer before anything else, so a block is never cut.
 */
final class InterleavedOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterleavedOutput.class);
    /** Bytes queued for one connection at most: about a second of 320x240 video at 20 fps. */
    static final int MAX_QUEUED_BYTES = 512 * 1024;

    private final OutputStream out;
    private final Optional<GatheringByteChannel> channel;
    private final Optional<DirectSend> direct;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Block> queue = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private int queuedBytes;
    /** The part of a directly sent block the socket did not take: written before anything else. */
    private Block unfinished;
    /** The offering thread's copy of a block for a direct send (under {@link #writeLock}). */
    private byte[] directCopy = new byte[0];
    /** Written under {@link #writeLock} only, so one writer at a time; read by tests. */
    private volatile long directBlocks;
    private volatile boolean carries;
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
    InterleavedOutput(OutputStream out, Optional<GatheringByteChannel> channel, Optional<DirectSend> direct, String name) {
        this.out = out;
        this.channel = channel;
        this.direct = direct;
        this.name = name;
    }

    InterleavedOutput(OutputStream out, Optional<GatheringByteChannel> channel, String name) {
        this(out, channel, Optional.empty(), name);
    }

    InterleavedOutput(OutputStream out, String name) {
        this(out, Optional.empty(), name);
    }

    /**
     * Lets media blocks skip the writer thread from now on (a no-op without a direct send). Called
     * on the connection's thread when a session starts to carry media in it.
     */
    void openDirect() throws IOException {
        carries = true;
        if (direct.isPresent()) {
            direct.get().open();
        }
    }

    /** Writes a response now, between queued packets (after the rest of a block begun), from the connection's own thread. */
    void writeNow(byte[] bytes) throws IOException {
        writeLock.lock();
        try {
            writeStarted = System.nanoTime();
            Block rest = takeUnfinished();
            if (rest != null) {
                write(rest);
            }
            out.write(bytes);
            out.flush();
        } finally {
            writeStarted = 0;
            writeLock.unlock();
        }
    }

    private Block takeUnfinished() {
        lock.lock();
        try {
            Block rest = unfinished;
            unfinished = null;
            return rest;
        } finally {
            lock.unlock();
        }
    }

    /** True once a session carries media here (or a block was offered): other threads write here from then on. */
    boolean carries() {
        return carries;
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
        if (!carries) {
            carries = true;
        }
        if (direct.isPresent() && sentDirectly(buffers, length)) {
            return;
        }
        Block frame = new Block(buffers, length);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            startWriterLocked();
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

    private void startWriterLocked() {
        if (writer == null) {
            writer = Thread.ofVirtual().name("rill-interleaved-" + name).start(this::drain);
        }
    }

    /**
     * Sends a block on the offering thread when nothing is queued or being written before it;
     * true when it is sent or begun (its rest then waits in {@link #unfinished}), false when the
     * queue must take it: the writer is busy, the socket's buffer is full, or the connection failed.
     */
    private boolean sentDirectly(ByteBuffer[] buffers, int length) {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            lock.lock();
            try {
                if (closed || unfinished != null || !queue.isEmpty()) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
            if (directCopy.length < length) {
                directCopy = new byte[Math.max(length, 2 * directCopy.length)];
            }
            gather(buffers, directCopy);
            int sent = direct.get().send(directCopy, 0, length);
            if (sent <= 0) {
                return false;
            }
            directBlocks++;
            if (sent < length) {
                lock.lock();
                try {
                    if (!closed) {
                        unfinished = new Block(new ByteBuffer[] {ByteBuffer.wrap(Arrays.copyOfRange(directCopy, sent, length))},
                                length - sent);
                        startWriterLocked();
                        ready.signal();
                    }
                } finally {
                    lock.unlock();
                }
            }
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Blocks sent (or begun) by the offering thread, without the writer. */
    long directBlocks() {
        return directBlocks;
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
            lock.lock();
            try {
                while (queue.isEmpty() && unfinished == null && !closed) {
                    ready.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            // The write lock first, then the block: a direct send holding the lock may leave a
            // rest that must go before anything queued.
            writeLock.lock();
            try {
                writeStarted = System.nanoTime();
                Block next;
                lock.lock();
                try {
                    next = unfinished;
                    unfinished = null;
                    if (next == null) {
                        next = queue.pollFirst();
                        if (next != null) {
                            queuedBytes -= next.length();
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (next != null) {
                    write(next);
                }
            } catch (IOException e) {
                LOG.debug("{}: interleaved write failed: {}", name, e.toString());
                close();
                return;
            } finally {
                writeStarted = 0;
                writeLock.unlock();
            }
        }
    }

    /** Writes a block whole (the caller holds the write lock): one gathering write on a channel, else one copy and one write. */
    private void write(Block block) throws IOException {
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
            out.write(scratch, 0, gather(block.buffers(), scratch));
            out.flush();
        }
    }

    /** Copies the buffers' remaining bytes, in order, to the start of {@code into} (their positions stay); returns how many. */
    private static int gather(ByteBuffer[] buffers, byte[] into) {
        int at = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(b.position(), into, at, n);
            at += n;
        }
        return at;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            unfinished = null;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        // Waits only for a direct send in progress, never for the writer.
        direct.ifPresent(DirectSend::close);
    }
}
