package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.VideoSize;
import dev.rill.wire.FrameTimes;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The source of a {@code "type": "publish"} mount: frames come from whoever publishes to it
 * (ANNOUNCE, SETUP with {@code mode=record}, RECORD), one publisher at a time. While nobody
 * publishes the mount serves nothing (DESCRIBE and PLAY get 404); when the publisher goes, the
 * server ends the viewers' sessions ({@link #onPublisherGone}) and the mount waits for the next.
 * Frame times keep rising from one publisher to the next ({@link FrameTimes}).
 */
final class PublishedSource implements LiveSource {

    /** The source type a mount's config names. */
    static final String TYPE = "publish";

    private static final FrameSink NOBODY = frame -> { };

    private final String path;
    private final ReentrantLock lock = new ReentrantLock();
    private final FrameTimes times = new FrameTimes(90_000);
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong publishers = new AtomicLong();
    /** Frames the publishers before the current one dropped. */
    private final AtomicLong droppedBefore = new AtomicLong();
    private volatile Consumer<PublishedSource> onPublisherGone = s -> { };
    private volatile FrameSink sink = NOBODY;
    /** Guarded by lock. */
    private Publisher publisher;
    private volatile OptionalDouble frameRate = OptionalDouble.empty();
    private volatile Optional<VideoSize> size = Optional.empty();
    private long nextIndex;
    /** The index of the current publisher's first frame. */
    private volatile long firstIndex;

    PublishedSource(String path) {
        this.path = path;
    }

    /** What the server does when a publisher leaves: ends the mount's viewers. Set once at start-up. */
    void onPublisherGone(Consumer<PublishedSource> action) {
        this.onPublisherGone = action;
    }

    String path() {
        return path;
    }

    /**
     * Makes {@code candidate} the mount's publisher; false when another one publishes already.
     *
     * @param frameRate the rate its SDP states, if any
     */
    boolean claim(Publisher candidate, OptionalDouble frameRate) {
        lock.lock();
        try {
            if (publisher != null) {
                return false;
            }
            publisher = candidate;
            publishers.incrementAndGet();
            firstIndex = nextIndex;
            this.frameRate = frameRate;
            this.size = Optional.empty();
            times.newStream();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@code leaving} publishes no more; the viewers of its stream are ended. */
    void release(Publisher leaving) {
        lock.lock();
        try {
            if (publisher != leaving) {
                return;
            }
            droppedBefore.addAndGet(leaving.framesDropped());
            publisher = null;
        } finally {
            lock.unlock();
        }
        onPublisherGone.accept(this);
    }

    /** True while a publisher holds the mount. */
    boolean publishing() {
        lock.lock();
        try {
            return publisher != null;
        } finally {
            lock.unlock();
        }
    }

    /** The publisher's address, while there is one. */
    Optional<InetSocketAddress> publisherAddress() {
        lock.lock();
        try {
            return publisher == null ? Optional.empty() : Optional.of(publisher.peer());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A whole frame from {@code from}, with the RTP timestamp of its packets; ignored unless
     * {@code from} is the current publisher (a late packet of one that just left).
     */
    void deliver(Publisher from, long rtpTimestamp, byte[] jpeg, long nowNanos) {
        lock.lock();
        try {
            if (publisher != from) {
                return;
            }
            framesIn.incrementAndGet();
            if (size.isEmpty()) {
                size = JpegSize.of(jpeg);
            }
            sink.accept(new Frame(nextIndex++, times.stamp(rtpTimestamp, nowNanos), jpeg));
        } finally {
            lock.unlock();
        }
    }

    /** Publishers accepted so far: a viewer of one publisher's stream sees it change when the next comes. */
    long generation() {
        return publishers.get();
    }

    /** The index of the current (or last) publisher's first frame; frames before it are an earlier publisher's. */
    long firstIndex() {
        return firstIndex;
    }

    /** An RTP packet of {@code length} bytes came from the publisher. */
    void received(int length) {
        bytesIn.addAndGet(length);
    }

    /**
     * Waiting while nobody publishes, connecting from ANNOUNCE to RECORD, live while recording;
     * every publisher after the first counts as a reconnect.
     */
    @Override
    public Optional<LiveStatus> status() {
        lock.lock();
        try {
            Publisher p = publisher;
            LiveStatus.State state = p == null ? LiveStatus.State.WAITING
                    : p.state() == Publisher.State.RECORDING ? LiveStatus.State.LIVE : LiveStatus.State.CONNECTING;
            Optional<String> peer = p == null ? Optional.empty()
                    : Optional.of(p.peer().getAddress().getHostAddress() + ":" + p.peer().getPort());
            long dropped = droppedBefore.get() + (p == null ? 0 : p.framesDropped());
            return Optional.of(new LiveStatus(state, peer, framesIn.get(), dropped, bytesIn.get(),
                    Math.max(0, publishers.get() - 1)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start(FrameSink frameSink) {
        sink = frameSink;
    }

    @Override
    public void stop() {
        sink = NOBODY;
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return frameRate;
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return size;
    }

    @Override
    public String describe() {
        return "publish " + path;
    }
}
