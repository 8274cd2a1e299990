package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.Mount;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionState;
import dev.rill.spi.StoredSource;
import dev.rill.wire.NptRange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One RTSP session: READY ⇄ PLAYING → CLOSED. It owns its state machine: {@link #play},
 * {@link #pause} and {@link #end} take the session's lock, change its state and tell the
 * listeners; the sender takes the same lock to send one of its frames, so PAUSE never races a
 * frame in flight. Its dialect, chosen once at SETUP, decides its id, replies, RTCP and payload
 * format; its feed gives it prepared frames.
 */
final class Session implements SessionInfo {

    /** What a session tells the server about itself. */
    interface Events {
        /** The session started or stopped playing. */
        void stateChanged(Session session, SessionState state);

        /** The media ran out while playing (called under the session's lock). */
        void endOfStream(Session session);

        /** The session sends its RTCP BYE (called under the session's lock). */
        void bye(Session session);

        /** The session ended for good: free what it holds. */
        void ended(Session session, String why);
    }

    /** What PLAY comes to. */
    sealed interface PlayOutcome {
        /** Playing from now on: {@link Playback#begin} once the reply is out. */
        record Started(Playback playback, int sequence, long rtpTime, NptRange range) implements PlayOutcome {
        }

        /** Already playing and no seek asked: nothing changes. */
        record Unchanged() implements PlayOutcome {
        }

        record Refused(RtspStatus status, String reason) implements PlayOutcome {
        }
    }

    private final String id;
    private final SessionDialect dialect;
    private final InetSocketAddress peer;
    private final Mount mount;
    private final RtpPayloadFormat format;
    private final Feed feed;
    private final RtpTarget target;
    private final String transport;
    private final long ssrc;
    private final long timestampBase;
    private final RtspConnection connection;
    private final boolean bound;
    private final Sender sender;
    private final Events events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Instant openedAt = Instant.now();

    // Guarded by lock.
    private SessionState state = SessionState.READY;
    /** The next position to send (stored sources), counting loops. */
    private long position;
    private Playback playback;
    private int nextSequence;
    private boolean ended;

    // Written by the sender only (one writer), read by anyone.
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long framesSent;
    private volatile long lastActivity;
    private volatile long lastTimestamp;
    private volatile long lastSentNanos;
    private volatile long nextReportDue = Long.MAX_VALUE;
    /** The user who set the session up; empty: anonymous. Set once, by SETUP. */
    private volatile java.util.Optional<String> user = java.util.Optional.empty();

    /** The parts of a session SETUP decides. */
    record Setup(SessionDialect dialect, InetSocketAddress peer, Mount mount, RtpPayloadFormat format, Feed feed,
                 RtpTarget target, String transport, long ssrc, int firstSequence, long timestampBase,
                 RtspConnection connection, boolean bound, Sender sender) {
    }

    Session(String id, Setup setup, Events events, long now) {
        this.id = id;
        this.dialect = setup.dialect();
        this.peer = setup.peer();
        this.mount = setup.mount();
        this.format = setup.format();
        this.feed = setup.feed();
        this.target = setup.target();
        this.transport = setup.transport();
        this.ssrc = setup.ssrc();
        this.nextSequence = setup.firstSequence();
        this.timestampBase = setup.timestampBase();
        this.connection = setup.connection();
        this.bound = setup.bound();
        this.sender = setup.sender();
        this.events = events;
        this.lastActivity = now;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress peer() {
        return peer;
    }

    @Override
    public Mount mount() {
        return mount;
    }

    @Override
    public Dialect dialect() {
        return dialect.kind();
    }

    SessionDialect sessionDialect() {
        return dialect;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public SessionState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public long packetsSent() {
        return packetsSent;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long framesSent() {
        return framesSent;
    }

    RtpPayloadFormat format() {
        return format;
    }

    Feed feed() {
        return feed;
    }

    RtpTarget target() {
        return target;
    }

    long ssrc() {
        return ssrc;
    }

    /** The connection the session lives and dies with: classic and interleaved sessions. */
    Optional<RtspConnection> owner() {
        return bound ? Optional.of(connection) : Optional.empty();
    }

    /** The user who set the session up; empty when anonymous (or the server is open). */
    java.util.Optional<String> user() {
        return user;
    }

    void setUpBy(java.util.Optional<String> user) {
        this.user = user;
    }

    /** The connection that set the session up. */
    RtspConnection connection() {
        return connection;
    }

    /** The sender thread this session's frames leave from. */
    Sender sender() {
        return sender;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Marks the session alive now (a request naming it, or an RTCP report). */
    void touch(long now) {
        lastActivity = now;
    }

    long lastActivity() {
        return lastActivity;
    }

    // --- transitions ---

    /**
     * PLAY: starts sending, resumes where PAUSE stopped, or seeks to the Range's start (a stored
     * source in the standard dialect only; elsewhere a Range is ignored). PLAY while playing with
     * no seek changes nothing. A stored stream that ran to its end starts again from the beginning.
     */
    PlayOutcome play(Optional<NptRange> range) {
        if (feed instanceof StoredFeed stored) {
            return playStored(stored, dialect.ranges() ? range : Optional.empty());
        }
        return playLive((LiveFeed) feed);
    }

    private PlayOutcome playStored(StoredFeed stored, Optional<NptRange> range) {
        StoredSource source = stored.source();
        long count = stored.frameCount();
        Optional<Long> seekTo = range.flatMap(NptRange::start).map(t -> source.indexAt(t.toNanos()));
        if (seekTo.isPresent() && seekTo.get() >= count) {
            return new PlayOutcome.Refused(RtspStatus.INVALID_RANGE, "start is past the end ("
                    + String.format(Locale.ROOT, "%.3f", stored.durationNanos() / 1e9) + " s)");
        }
        long end = range.flatMap(NptRange::end).map(e -> Math.min(count, source.indexAt(e.toNanos()) + 1)).orElse(Long.MAX_VALUE);
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return new PlayOutcome.Refused(RtspStatus.SESSION_NOT_FOUND, "session ended");
            }
            if (state == SessionState.PLAYING && seekTo.isEmpty()) {
                return new PlayOutcome.Unchanged();
            }
            readyLocked();
            if (seekTo.isPresent()) {
                position = seekTo.get();
            } else if (!stored.loops() && position >= count) {
                position = 0;
            }
            long startMedia = stored.mediaTime(position, source.timeOf(stored.frameIndex(position)));
            long endMedia = end < count ? source.timeOf(end) : stored.loops() && end == Long.MAX_VALUE ? Long.MAX_VALUE
                    : stored.durationNanos();
            StoredPlayback p = new StoredPlayback(this, stored, position, startMedia, end, endMedia);
            stored.prefetch(position, System.nanoTime());
            Duration shown = Duration.ofNanos(source.timeOf(stored.frameIndex(position)));
            Duration until = Duration.ofNanos(end != Long.MAX_VALUE ? endMedia : stored.durationNanos());
            return startedLocked(p, timestampAt(startMedia), new NptRange(Optional.of(shown), Optional.of(until)));
        } finally {
            lock.unlock();
        }
    }

    private PlayOutcome playLive(LiveFeed live) {
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return new PlayOutcome.Refused(RtspStatus.SESSION_NOT_FOUND, "session ended");
            }
            if (state == SessionState.PLAYING) {
                return new PlayOutcome.Unchanged();
            }
            readyLocked();
            long media = live.newest().map(PreparedFrame::timeNanos).orElse(0L);
            return startedLocked(new LivePlayback(this, live), timestampAt(media), NptRange.now());
        } finally {
            lock.unlock();
        }
    }

    private PlayOutcome startedLocked(Playback p, long rtpTime, NptRange range) {
        ended = false;
        playback = p;
        state = SessionState.PLAYING;
        if (dialect.rtcp()) {
            // The first sender report goes out once frames have: one with nothing sent says nothing.
            nextReportDue = System.nanoTime() + Rtcp.REPORT_INTERVAL_NANOS / 2;
        }
        events.stateChanged(this, SessionState.PLAYING);
        return new PlayOutcome.Started(p, nextSequence, rtpTime, range);
    }

    /**
     * PAUSE: stops sending and keeps the position, so the next PLAY resumes at the frame after the
     * last one sent. Empty when done; the refusal when not playing (455), except that a stream
     * which ran out while the client still thought it was playing pauses quietly.
     */
    Optional<PlayOutcome.Refused> pause() {
        lock.lock();
        try {
            if (state != SessionState.PLAYING) {
                return ended ? Optional.empty()
                        : Optional.of(new PlayOutcome.Refused(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "not playing"));
            }
            readyLocked();
            events.stateChanged(this, SessionState.READY);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the session for good: stops sending, says BYE if it was playing, frees it. Safe to call twice. */
    void end(String why) {
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return;
            }
            boolean wasPlaying = state == SessionState.PLAYING;
            readyLocked();
            state = SessionState.CLOSED;
            if (dialect.rtcp() && wasPlaying) {
                events.bye(this);
            }
        } finally {
            lock.unlock();
        }
        events.ended(this, why);
    }

    /** The media ran out while playing (the sender, under the lock): READY, remembering why. */
    void endOfStreamLocked() {
        readyLocked();
        ended = true;
        events.endOfStream(this);
    }

    /** Sending failed for good (the sender, under the lock). */
    void stopLocked() {
        readyLocked();
    }

    /** Stops sending; a stored play keeps the position where its next frame would have been. */
    private void readyLocked() {
        if (playback != null) {
            if (playback instanceof StoredPlayback stored) {
                position = stored.nextPosition();
            }
            playback.cancel();
            playback = null;
        }
        if (state != SessionState.CLOSED) {
            state = SessionState.READY;
        }
    }

    /** The RTP timestamp of media time {@code mediaNanos}, in the format's clock, rounded. */
    long timestampAt(long mediaNanos) {
        long clock = format.clockRate();
        long ticks = (mediaNanos / 1_000_000_000L) * clock + ((mediaNanos % 1_000_000_000L) * clock + 500_000_000L) / 1_000_000_000L;
        return (timestampBase + ticks) & 0xFFFFFFFFL;
    }

    // --- the sender's bookkeeping, under lock() ---

    int takeSequenceLocked() {
        int seq = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        return seq;
    }

    void countSent(int packets, long bytes, int frames, long timestamp, long now) {
        packetsSent += packets;
        bytesSent += bytes;
        framesSent += frames;
        lastTimestamp = timestamp;
        lastSentNanos = now;
    }

    /** {@code System.nanoTime()} at which the next RTCP sender report is due. */
    long nextReportDue() {
        return nextReportDue;
    }

    void reportDue(long nanoTime) {
        nextReportDue = nanoTime;
    }

    /**
     * The RTP timestamp that corresponds to {@code now} (RFC 3550 §6.4.1): the last frame's,
     * advanced by the time since it was sent while playing.
     */
    long timestampNow(long now) {
        long last = lastTimestamp;
        long sent = lastSentNanos;
        if (sent == 0 || state() != SessionState.PLAYING) {
            return last;
        }
        long elapsed = Math.max(0, now - sent);
        return (last + Math.round(elapsed * (double) format.clockRate() / 1e9)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return "session " + id + " (" + dialect + ", " + mount.path() + ", " + peer + ")";
    }
}
