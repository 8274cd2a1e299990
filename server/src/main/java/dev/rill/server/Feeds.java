package dev.rill.server;

import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.StoredSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every feed in use, one per (source, payload format), counted by the sessions that hold it: the
 * first session of a source starts its feed, the last one's end closes it and lets go of its
 * frames. A source nobody plays holds no prepared frame.
 */
final class Feeds implements AutoCloseable {

    private record Key(MediaSource source, String format) {
    }

    private static final class Held {
        final Feed feed;
        int users;

        Held(Feed feed) {
            this.feed = feed;
        }
    }

    private final int maxPayloadSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, Held> feeds = new HashMap<>();
    /**
     * Live sources' sinks, one per source however many formats its feeds prepare, kept as long as
     * the source exists (one per live mount; a path-pattern source's goes with it, {@link #forget}): a feed closing and another opening serialise on it, so
     * the source is never started twice. Guarded by lock.
     */
    private final Map<LiveSource, LiveTap> taps = new java.util.IdentityHashMap<>();

    /** @param maxPayloadSize bytes of payload in one packet: the packet size less the RTP header */
    Feeds(int maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    /**
     * The feed of {@code source} in {@code format}, started if it is the first use; give it back
     * with {@link #release}. The first use starts the feed outside the lock: starting a live
     * source may take a while (a camera answering), and other mounts' SETUPs must not wait for it.
     */
    Feed acquire(MediaSource source, RtpPayloadFormat format) {
        Key key = new Key(source, format.name());
        Feed fresh;
        lock.lock();
        try {
            Held held = feeds.get(key);
            if (held != null) {
                held.users++;
                return held.feed;
            }
            fresh = create(source, format);
            held = new Held(fresh);
            held.users = 1;
            feeds.put(key, held);
        } finally {
            lock.unlock();
        }
        try {
            fresh.start();
        } catch (RuntimeException e) {
            release(fresh);
            throw e;
        }
        return fresh;
    }

    private Feed create(MediaSource source, RtpPayloadFormat format) {
        return switch (source) {
            case StoredSource stored -> new StoredFeed(stored, format.payloader(source, maxPayloadSize));
            case LiveSource live -> new LiveFeed(taps.computeIfAbsent(live, LiveTap::new), format.payloader(source, maxPayloadSize));
            default -> throw new IllegalArgumentException(source.describe() + " is neither a stored nor a live source");
        };
    }

    /** One user fewer; the last one closes the feed. */
    void release(Feed feed) {
        Feed closing = null;
        lock.lock();
        try {
            for (var it = feeds.values().iterator(); it.hasNext(); ) {
                Held held = it.next();
                if (held.feed == feed) {
                    if (--held.users == 0) {
                        it.remove();
                        closing = feed;
                    }
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: closing waits (bounded) for plugin code, and nobody else should.
        if (closing != null) {
            closing.close();
        }
    }

    /**
     * The tap of a live source, made now if nobody has played it yet: for a recorder, which reads
     * the source through the same tap as its viewers' feeds, so the source runs once for both.
     */
    LiveTap tapFor(LiveSource source) {
        lock.lock();
        try {
            return taps.computeIfAbsent(source, LiveTap::new);
        } finally {
            lock.unlock();
        }
    }

    /** The tap of a live source that has ever been started; empty for one never played. */
    java.util.Optional<LiveTap> tap(LiveSource source) {
        lock.lock();
        try {
            return java.util.Optional.ofNullable(taps.get(source));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A source closed for good (a path-pattern source nobody used for a while): its tap goes, so
     * the taps stay one per source that exists. Kept while a feed of it is open.
     */
    void forget(MediaSource source) {
        if (!(source instanceof LiveSource live)) {
            return;
        }
        lock.lock();
        try {
            boolean inUse = feeds.keySet().stream().anyMatch(k -> k.source() == source);
            if (!inUse) {
                taps.remove(live);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Live sources with a tap, for tests. */
    int taps() {
        lock.lock();
        try {
            return taps.size();
        } finally {
            lock.unlock();
        }
    }

    /** Feeds open now, for tests and statistics. */
    int open() {
        lock.lock();
        try {
            return feeds.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Feed> all;
        lock.lock();
        try {
            all = feeds.values().stream().map(h -> h.feed).toList();
            feeds.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(Feed::close);
    }
}
