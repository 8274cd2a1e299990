package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefetch stage of a live source: each frame the source hands over is cut into payloads
 * once, on the feed's own thread, and handed to every session playing it, which wakes them; no
 * session polls. Only the newest frame waits to be prepared: a frame that arrives before the
 * previous one was taken replaces it (counted as dropped), so a source faster than the payloader
 * costs frames, not memory.
 */
final class LiveFeed implements Feed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** The longest the thread sleeps without looking at its running flag. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final LiveSource source;
    private final LiveTap tap;
    private final Payloader payloader;
    /** What the tap hands frames to: one object, so that the tap can tell it apart when it closes. */
    private final dev.rill.spi.FrameSink reader = this::arrive;
    private final AtomicReference<Frame> arrived = new AtomicReference<>();
    private final Set<LivePlayback> viewers = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile Optional<PreparedFrame> newest = Optional.empty();
    /** Signalled with each new {@link #newest}; HTTP viewers wait on it, sessions never do. */
    private final java.util.concurrent.locks.ReentrantLock newestLock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition fresher = newestLock.newCondition();

    /** @param tap the source's one sink, shared with its feeds in other payload formats */
    LiveFeed(LiveTap tap, Payloader payloader) {
        this.tap = tap;
        this.source = tap.source();
        this.payloader = payloader;
        this.worker = Thread.ofPlatform().name("rill-prefetch " + source.describe()).daemon(true).unstarted(this::run);
    }

    @Override
    public void start() {
        worker.start();
        tap.open(reader);
    }

    /** Called by the source's thread, through the tap; never blocks. */
    void arrive(Frame frame) {
        if (arrived.getAndSet(frame) != null) {
            dropped.incrementAndGet();
        }
        LockSupport.unpark(worker);
    }

    LiveSource source() {
        return source;
    }

    /** The newest prepared frame, if one has come yet. */
    Optional<PreparedFrame> newest() {
        return newest;
    }

    /**
     * The newest prepared frame once it is another than {@code last} (null: any), waiting at most
     * {@code timeoutNanos}: for an HTTP viewer's own thread, never a sender's. Frames prepared
     * while the viewer was busy are skipped, so a slow viewer costs frames, not memory. Empty when
     * none came in time.
     */
    Optional<PreparedFrame> newerThan(PreparedFrame last, long timeoutNanos) throws InterruptedException {
        newestLock.lock();
        try {
            long left = timeoutNanos;
            while (running && left > 0 && (newest.isEmpty() || newest.get() == last)) {
                left = fresher.awaitNanos(left);
            }
            Optional<PreparedFrame> now = newest;
            return now.isPresent() && now.get() != last ? now : Optional.empty();
        } finally {
            newestLock.unlock();
        }
    }

    /** {@code p} gets every frame prepared from now on, until {@link #leave}. */
    void join(LivePlayback p) {
        viewers.add(p);
    }

    void leave(LivePlayback p) {
        viewers.remove(p);
    }

    private void run() {
        while (running) {
            Frame frame = arrived.getAndSet(null);
            if (frame == null) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            PreparedFrame prepared = PreparedFrame.of(frame.index(), frame.timeNanos(), payloads(frame));
            newest = Optional.of(prepared);
            for (LivePlayback p : viewers) {
                p.deliver(prepared);
            }
            newestLock.lock();
            try {
                fresher.signalAll();
            } finally {
                newestLock.unlock();
            }
        }
    }

    private List<PayloadFragment> payloads(Frame frame) {
        try {
            return payloader.payload(frame);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("{}: frame {} cannot be packetised, skipped: {}", source.describe(), frame.index(), e.toString());
            return List.of();
        }
    }

    /** Frames the source handed over that were replaced before they could be prepared. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        tap.close(reader);
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        viewers.clear();
        newest = Optional.empty();
        newestLock.lock();
        try {
            fresher.signalAll();   // HTTP viewers waiting for a frame see the feed closed now
        } finally {
            newestLock.unlock();
        }
        arrived.set(null);
        if (dropped.get() > 0) {
            LOG.info("{}: {} frames arrived faster than they could be prepared and were dropped", source.describe(), dropped.get());
        }
    }

    @Override
    public String toString() {
        return "feed of " + source.describe();
    }
}
