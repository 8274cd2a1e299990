package dev.rill.plugin.mjpeg;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the bytes of an {@link MjpegIndex}'s container are: a file, read a piece at a time, or
 * an array held in memory (the built-in sample clip, about 1 MB). Reads are positional and
 * thread-safe; after {@link #close} they throw {@link ClosedChannelException}.
 */
sealed interface ContainerBacking extends AutoCloseable
        permits ContainerBacking.FileBacking, ContainerBacking.MemoryBacking {

    /** The container's length in bytes, as it was when opened. */
    long size();

    /**
     * Fills {@code into} (from its position to its limit) with the bytes from {@code position} on.
     *
     * @throws EOFException           the container ends first (a file that shrank)
     * @throws ClosedChannelException the backing is closed
     */
    void read(long position, ByteBuffer into) throws IOException;

    /** Bytes of media this backing keeps on the heap: 0 for a file. */
    long heldBytes();

    /** Frees the file or the array; idempotent. */
    @Override
    void close();

    static FileBacking open(Path file) throws IOException {
        return new FileBacking(file);
    }

    static MemoryBacking of(byte[] data) {
        return new MemoryBacking(data);
    }

    /** A file read with positional reads, which any number of threads may do at once. */
    final class FileBacking implements ContainerBacking {

        private final Path file;
        private final long size;
        /** Guards swapping and closing {@link #channel}. */
        private final ReentrantLock lock = new ReentrantLock();
        private volatile FileChannel channel;
        private volatile boolean closed;

        private FileBacking(Path file) throws IOException {
            this.file = Objects.requireNonNull(file, "file");
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                this.size = channel.size();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public long size() {
            return size;
        }

        /**
         * A {@link FileChannel} is interruptible: an interrupt during a read closes it for every
         * thread that shares it. So a channel closed that way is reopened: the interrupted reader
         * still fails, and a reader that the close caught in passing reads once more.
         */
        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            int from = into.position();
            FileChannel current = channel;
            try {
                readFully(current, position, into);
            } catch (ClosedChannelException e) {
                if (closed) {
                    throw e;
                }
                reopen(current);
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                readFully(channel, position, into.position(from));
            }
        }

        private void readFully(FileChannel from, long position, ByteBuffer into) throws IOException {
            long at = position;
            // Each pass reads at least one byte or ends: a FileChannel returns -1, never 0, at the end.
            while (into.hasRemaining()) {
                int n = from.read(into, at);
                if (n <= 0) {
                    throw new EOFException(file + ": ends at byte " + at + ", " + into.remaining()
                            + " bytes short; it changed after it was opened");
                }
                at += n;
            }
        }

        private void reopen(FileChannel stale) throws IOException {
            lock.lock();
            try {
                if (!closed && channel == stale) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long heldBytes() {
            return 0;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                channel.close();
            } catch (IOException e) {
                // Nothing was written; a failed close of a read-only channel loses nothing.
            } finally {
                lock.unlock();
            }
        }
    }

    /** A container held in memory: small enough to keep, like the built-in sample clip. */
    final class MemoryBacking implements ContainerBacking {

        private final byte[] data;
        private volatile boolean closed;

        private MemoryBacking(byte[] data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (position < 0 || position + into.remaining() > data.length) {
                throw new EOFException("container of " + data.length + " bytes has no " + into.remaining()
                        + " bytes at " + position);
            }
            into.put(data, (int) position, into.remaining());
        }

        @Override
        public long heldBytes() {
            return data.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
