package dev.rill.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A PLAY of a live source: it has no schedule of its own. Its feed hands it each frame as it is
 * prepared ({@link #deliver}), which queues it with its sender; the sender sends the newest frame
 * waiting. A session that joins gets the next frame that arrives.
 */
final class LivePlayback extends Playback {

    private final Session session;
    private final LiveFeed feed;
    private final AtomicReference<PreparedFrame> pending = new AtomicReference<>();
    /** True while the playback sits in its sender's queue, so a burst of frames queues it once. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile long due;
    private volatile boolean cancelled;

    LivePlayback(Session session, LiveFeed feed) {
        this.session = session;
        this.feed = feed;
    }

    @Override
    Session session() {
        return session;
    }

    @Override
    long due() {
        return due;
    }

    @Override
    void begin(long now) {
        if (!cancelled) {
            feed.join(this);
        }
    }

    /** Called by the feed's thread with each new frame: the newest waiting replaces an older one. */
    void deliver(PreparedFrame frame) {
        pending.set(frame);
        if (!cancelled && queued.compareAndSet(false, true)) {
            due = System.nanoTime();
            session.sender().schedule(this);
        }
    }

    /** The frame to send now, if any; called by the sender, which this takes out of its queue. */
    PreparedFrame take() {
        queued.set(false);
        return pending.getAndSet(null);
    }

    @Override
    void cancel() {
        cancelled = true;
        feed.leave(this);
    }

    @Override
    boolean cancelled() {
        return cancelled;
    }
}
