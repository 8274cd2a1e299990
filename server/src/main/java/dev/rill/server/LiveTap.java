package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sink a live source hands its frames to, however many feeds (one per payload format:
 * standard and classic viewers of one camera) prepare them: the source is started when its first
 * feed opens and stopped when its last one closes, and each frame goes to every open feed.
 */
final class LiveTap {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTap.class);

    private final LiveSource source;
    private final List<LiveFeed> feeds = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** {@link System#nanoTime} of the newest frame's arrival; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastArrival = Long.MIN_VALUE;

    LiveTap(LiveSource source) {
        this.source = source;
    }

    LiveSource source() {
        return source;
    }

    /** True while a feed holds the source started. */
    boolean running() {
        return !feeds.isEmpty();
    }

    /** Nanoseconds since the newest frame arrived, for the web page; empty before the first one. */
    java.util.OptionalLong newestFrameAgeNanos(long now) {
        long at = lastArrival;
        return at == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(now - at);
    }

    /** A feed opens: the first one starts the source. */
    void open(LiveFeed feed) {
        lock.lock();
        try {
            feeds.add(feed);
            if (feeds.size() == 1) {
                source.start(this::arrive);
            }
        } catch (RuntimeException e) {
            feeds.remove(feed);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** A feed closes: the last one stops the source. True when it was the last. */
    boolean close(LiveFeed feed) {
        lock.lock();
        try {
            if (!feeds.remove(feed) || !feeds.isEmpty()) {
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
        for (LiveFeed feed : feeds) {
            feed.arrive(frame);
        }
    }
}
