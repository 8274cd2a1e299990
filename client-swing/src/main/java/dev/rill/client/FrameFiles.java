package dev.rill.client;

import dev.rill.spi.ReceivedFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The headless mode's frame sink: each frame shown is written as it came, a complete JPEG,
 * to {@code DIR/frame-00001.jpg}, {@code frame-00002.jpg}, ... in presentation order; and counted,
 * so the run knows when it has its N frames. Frames beyond N are not written.
 */
final class FrameFiles implements FrameSink {

    private final Optional<Path> directory;
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition counted = lock.newCondition();
    private long written;
    private Optional<IOException> failure = Optional.empty();

    /**
     * @param directory where to write; empty only counts
     * @param limit     most frames taken
     */
    FrameFiles(Optional<Path> directory, long limit) throws IOException {
        this.directory = directory;
        this.limit = limit;
        if (directory.isPresent()) {
            Files.createDirectories(directory.get());
        }
    }

    @Override
    public void show(ReceivedFrame frame) {
        lock.lock();
        try {
            if (written >= limit || failure.isPresent()) {
                return;
            }
            if (directory.isPresent()) {
                Path file = directory.get().resolve(String.format(Locale.ROOT, "frame-%05d.jpg", written + 1));
                try {
                    Files.write(file, frame.data());
                } catch (IOException e) {
                    failure = Optional.of(e);
                    counted.signalAll();
                    return;
                }
            }
            written++;
            counted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code count} frames are written or {@code nanos} pass.
     *
     * @throws UncheckedIOException when writing a frame failed
     */
    boolean awaitFrames(long count, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (written < count && failure.isEmpty() && left > 0) {
                left = counted.awaitNanos(left);
            }
            if (failure.isPresent()) {
                throw new UncheckedIOException("cannot write a frame: " + failure.get().getMessage(), failure.get());
            }
            return written >= count;
        } finally {
            lock.unlock();
        }
    }
}
