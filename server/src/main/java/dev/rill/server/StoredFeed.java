package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.StoredSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prefetch stage of a stored source: frames prepared a few ahead of each playing session
 * ({@link #AHEAD}), kept while sessions use them and let go when nobody has for
 * {@link #RETAIN_NANOS}, and never more than {@link #MAX_BYTES} of payload at once (the least
 * recently used go first). A thousand sessions of one clip share one copy of each frame; a file
 * larger than the heap plays with only the frames around its sessions in memory.
 *
 * <p>Senders never wait here: {@link #frame} answers at once with the prepared frame, or parks
 * the asking playback on the frame and hands it back to its sender when the frame is ready.
 */
final class StoredFeed implements Feed {

    private static final Logger LOG = LoggerFactory.getLogger(StoredFeed.class);
    /** Frames prepared ahead of each playing session: 400 ms at 20 fps. */
    static final int AHEAD = 8;
    /** A prepared frame nobody has used for this long is let go. */
    static final long RETAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Payload bytes held at most; past this the least recently used frames go. */
    static final long MAX_BYTES = 64L << 20;
    /** How often the feed looks for frames to let go. */
    static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long {@link #close} waits for a frame being prepared (plugin code may block). */
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    /** Handed out for a frame the source cannot give: the stream ends there. */
    static final PreparedFrame UNREADABLE = new PreparedFrame(-1, 0, List.of(), 0);

    private final StoredSource source;
    private final Payloader payloader;
    private final long frameCount;
    private final long durationNanos;
    private final boolean loops;
    /** The entries held: what the sweep looks through and the budget counts. */
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    /** The same entries by index, for the senders' lookups, which must not allocate. */
    private final FrameSlots<Entry> slots;
    /** Entries to prepare, in the order asked; bounded by the entries, at most one per frame. */
    private final ConcurrentLinkedQueue<Entry> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    private long nextSweep;

    /** One frame of the source: being prepared, or prepared. */
    static final class Entry {
        final long index;
        private final ReentrantLock lock = new ReentrantLock();
        /** Signalled when the frame is set; HTTP viewers wait on it, senders never do. */
        private final java.util.concurrent.locks.Condition prepared = lock.newCondition();
        private volatile PreparedFrame frame;
        /** Guarded by lock; playbacks waiting for this frame. */
        private List<StoredPlayback> waiters = List.of();
        private volatile long lastUsed;

        Entry(long index, long now) {
            this.index = index;
            this.lastUsed = now;
        }
    }

    StoredFeed(StoredSource source, Payloader payloader) {
        this.source = source;
        this.payloader = payloader;
        this.frameCount = source.frameCount();
        this.durationNanos = source.duration().toNanos();
        this.loops = source.loops();
        this.slots = new FrameSlots<>(frameCount);
        this.worker = Thread.ofPlatform().name("rill-prefetch " + source.describe()).daemon(true).unstarted(this::run);
    }

    @Override
    public void start() {
        worker.start();
    }

    StoredSource source() {
        return source;
    }

    long frameCount() {
        return frameCount;
    }

    long durationNanos() {
        return durationNanos;
    }

    boolean loops() {
        return loops;
    }

    /** The source's frame index for a session's position, which counts loops. */
    long frameIndex(long position) {
        return loops ? position % frameCount : position;
    }

    /** Media time of a position: its frame's time plus a duration for each loop before it. */
    long mediaTime(long position, long frameTimeNanos) {
        return loops ? (position / frameCount) * durationNanos + frameTimeNanos : frameTimeNanos;
    }

    /**
     * Frame {@code index}, prepared; or null, having parked {@code waiter} on it, when it is not
     * ready yet: the feed hands the waiter to its sender once it is. {@link #UNREADABLE} when the
     * source cannot give it. Never blocks; called by senders.
     */
    PreparedFrame frame(long index, StoredPlayback waiter, long now) {
        Entry e = request(index, now);
        PreparedFrame ready = e.frame;
        if (ready == null) {
            e.lock.lock();
            try {
                ready = e.frame;
                if (ready == null) {
                    List<StoredPlayback> more = new ArrayList<>(e.waiters.size() + 1);
                    more.addAll(e.waiters);
                    more.add(waiter);
                    e.waiters = more;
                    return null;
                }
            } finally {
                e.lock.unlock();
            }
        }
        // A coarse stamp is enough to tell frames in use from frames to let go.
        if (now - e.lastUsed > TimeUnit.MILLISECONDS.toNanos(10)) {
            e.lastUsed = now;
        }
        return ready;
    }

    /**
     * Frame {@code index}, prepared, waiting at most {@code timeoutNanos} for it: for an HTTP
     * viewer's own thread, never a sender's. Empty when it is not ready in time (or the feed
     * closed); {@link #UNREADABLE} when the source cannot give it.
     */
    Optional<PreparedFrame> await(long index, long timeoutNanos) throws InterruptedException {
        Entry e = request(index, System.nanoTime());
        PreparedFrame ready = e.frame;
        if (ready == null) {
            e.lock.lock();
            try {
                long left = timeoutNanos;
                while (e.frame == null && left > 0 && running) {
                    left = e.prepared.awaitNanos(left);
                }
                ready = e.frame;
            } finally {
                e.lock.unlock();
            }
        }
        if (ready != null) {
            e.lastUsed = System.nanoTime();
        }
        return Optional.ofNullable(ready);
    }

    /** Asks for {@link #AHEAD} frames from {@code position} on, for a session about to play. */
    void prefetch(long position, long now) {
        for (int i = 0; i < AHEAD; i++) {
            prefetchAt(position + i, now);
        }
    }

    /** Asks for the frame at a position, if the source has one there. */
    void prefetchAt(long position, long now) {
        if (loops || position < frameCount) {
            request(frameIndex(position), now);
        }
    }

    private Entry request(long index, long now) {
        Entry e = slots.get(index);
        if (e != null) {
            return e;
        }
        e = entries.get(index);   // past the end, or put there a moment ago
        if (e != null) {
            return e;
        }
        Entry fresh = new Entry(index, now);
        e = entries.putIfAbsent(index, fresh);
        if (e != null) {
            return e;
        }
        // Before the worker can see it: an entry is let go only once prepared, so never before this.
        slots.set(index, fresh);
        requests.add(fresh);
        LockSupport.unpark(worker);
        return fresh;
    }

    private void run() {
        while (running) {
            Entry e = requests.poll();
            if (e != null) {
                prepare(e);
            }
            long now = System.nanoTime();
            if (now >= nextSweep) {
                nextSweep = now + SWEEP_NANOS;
                sweep(now);
            }
            if (e == null) {
                LockSupport.parkNanos(this, SWEEP_NANOS);
            }
        }
    }

    private void prepare(Entry e) {
        PreparedFrame prepared;
        try {
            Optional<Frame> frame = e.index < frameCount ? source.frame(e.index) : Optional.empty();
            if (frame.isEmpty()) {
                prepared = UNREADABLE;
            } else {
                prepared = PreparedFrame.of(e.index, frame.get().timeNanos(), payloads(frame.get()));
            }
        } catch (RuntimeException | OutOfMemoryError failure) {
            LOG.error("{}: frame {} cannot be read: {}", source.describe(), e.index + 1, failure.toString());
            prepared = UNREADABLE;
        }
        if (!running) {
            return;   // closed while the source was busy: nobody is left to take it
        }
        bytes.addAndGet(prepared.bytes());
        List<StoredPlayback> waiting;
        // A frame that took longer than RETAIN_NANOS to prepare still counts as wanted now.
        e.lastUsed = System.nanoTime();
        e.lock.lock();
        try {
            e.frame = prepared;
            waiting = e.waiters;
            e.waiters = List.of();
            e.prepared.signalAll();
        } finally {
            e.lock.unlock();
        }
        for (StoredPlayback p : waiting) {
            p.session().sender().schedule(p);
        }
    }

    private List<PayloadFragment> payloads(Frame frame) {
        try {
            return payloader.payload(frame);
        } catch (RuntimeException ex) {
            LOG.error("{}: frame {} cannot be packetised, skipped: {}", source.describe(), frame.index() + 1, ex.toString());
            return List.of();
        }
    }

    /** Lets go of frames nobody used lately, then of the least recently used while over budget. */
    private void sweep(long now) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.frame == null) {
                continue;
            }
            if (now - e.lastUsed > RETAIN_NANOS) {
                drop(e);
            } else {
                kept.add(e);
            }
        }
        if (bytes.get() > MAX_BYTES) {
            kept.sort(Comparator.comparingLong(e -> e.lastUsed));
            for (int i = 0; i < kept.size() && bytes.get() > MAX_BYTES; i++) {
                drop(kept.get(i));
            }
        }
    }

    private void drop(Entry e) {
        if (entries.remove(e.index, e)) {
            slots.remove(e.index, e);
            bytes.addAndGet(-e.frame.bytes());
        }
    }

    /** Frames held now, for tests. */
    int framesHeld() {
        return entries.size();
    }

    /** Payload bytes held now, for tests. */
    long bytesHeld() {
        return bytes.get();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("{}: a frame was still being read {} ms after the last session ended", source.describe(), CLOSE_WAIT_MILLIS);
        }
        for (Entry e : entries.values()) {
            e.lock.lock();
            try {
                e.prepared.signalAll();   // HTTP viewers waiting for a frame see the feed closed now
            } finally {
                e.lock.unlock();
            }
        }
        entries.clear();
        slots.clear();
        requests.clear();
        bytes.set(0);
    }

    @Override
    public String toString() {
        return "feed of " + source.describe();
    }
}
