package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sink a live source hands its frames to, however many feeds (one per payload format:
 * standard and classic viewers of one camera) prepare them and however many recorders keep them:
 * the source is started when its first reader opens and stopped when its last one closes, and
 * each frame goes to every open reader. A reader is a {@link FrameSink} that never blocks.
 */
final class LiveTap {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTap.class);

    private final LiveSource source;
    private final List<FrameSink> readers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** {@link System#nanoTime} of the newest frame's arrival; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastArrival = Long.MIN_VALUE;

    LiveTap(LiveSource source) {
        this.source = source;
    }

    LiveSource source() {
        return source;
    }

    /** True while a reader holds the source started. */
    boolean running() {
        return !readers.isEmpty();
    }

    /** Nanoseconds since the newest frame arrived, for the web page; empty before the first one. */
    java.util.OptionalLong newestFrameAgeNanos(long now) {
        long at = lastArrival;
        return at == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(now - at);
    }

    /** A reader (a feed, a recorder) opens: the first one starts the source. */
    void open(FrameSink reader) {
        lock.lock();
        try {
            readers.add(reader);
            if (readers.size() == 1) {
                source.start(this::arrive);
            }
        } catch (RuntimeException e) {
            readers.remove(reader);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** A reader closes: the last one stops the source. True when it was the last. */
    boolean close(FrameSink reader) {
        lock.lock();
        try {
            if (!readers.remove(reader) || !readers.isEmpty()) {
                return false;
            }
            try {
                source.stop();
            } catch (RuntimeException e) {
                LOG.error("{}: stop failed", source.describe(), e);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called by the source's thread; never blocks. */
    private void arrive(Frame frame) {
        lastArrival = System.nanoTime();
        for (FrameSink reader : readers) {
            reader.accept(frame);
        }
    }
}
