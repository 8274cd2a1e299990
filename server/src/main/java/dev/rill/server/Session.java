package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.Mount;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionState;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One RTSP session: its transport, its position in the media and its RTP sequence state. State
 * changes (PLAY, PAUSE, end of stream, TEARDOWN) happen under {@link #lock()}, which the sender
 * also holds while it sends one of the session's frames, so PAUSE never races a frame in flight.
 */
final class Session implements SessionInfo {

    private final String id;
    private final Dialect dialect;
    private final InetSocketAddress peer;
    private final Mount mount;
    private final RtpPayloadFormat format;
    private final FragmentCache.Fragments fragments;
    private final RtpTarget target;
    private final String transport;
    private final long ssrc;
    private final long timestampBase;
    private final RtspConnection connection;
    private final boolean bound;
    private final Sender sender;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.time.Instant openedAt = java.time.Instant.now();

    // Guarded by lock.
    private SessionState state = SessionState.READY;
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
    private volatile long nextReportDue;

    Session(String id, Dialect dialect, InetSocketAddress peer, Mount mount, RtpPayloadFormat format,
            FragmentCache.Fragments fragments, RtpTarget target, String transport, long ssrc, int firstSequence,
            long timestampBase, RtspConnection connection, boolean bound, Sender sender, long now) {
        this.id = id;
        this.dialect = dialect;
        this.peer = peer;
        this.mount = mount;
        this.format = format;
        this.fragments = fragments;
        this.target = target;
        this.transport = transport;
        this.ssrc = ssrc;
        this.nextSequence = firstSequence;
        this.timestampBase = timestampBase;
        this.connection = connection;
        this.bound = bound;
        this.sender = sender;
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
    public java.time.Instant openedAt() {
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

    FragmentCache.Fragments fragments() {
        return fragments;
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

    // --- guarded by lock() ---

    SessionState stateLocked() {
        return state;
    }

    /** The index of the next frame to send, counting loops (so timestamps keep rising). */
    long positionLocked() {
        return position;
    }

    void seekLocked(long position) {
        this.position = position;
    }

    void playingLocked(Playback playback) {
        this.ended = false;
        this.playback = playback;
        this.state = SessionState.PLAYING;
    }

    /** Stops sending and keeps the position where the next frame would have been. */
    void readyLocked() {
        if (playback != null) {
            position = playback.nextPosition();
            playback.cancel();
            playback = null;
        }
        if (state != SessionState.CLOSED) {
            state = SessionState.READY;
        }
    }

    /** The media ran out while playing: READY, remembering that the client did not ask for it. */
    void endOfStreamLocked() {
        readyLocked();
        ended = true;
    }

    /** True when the last play ended by itself at the end of the media. */
    boolean endedLocked() {
        return ended;
    }

    void closedLocked() {
        readyLocked();
        state = SessionState.CLOSED;
    }

    int nextSequenceLocked() {
        return nextSequence;
    }

    /** The RTP timestamp of the frame at {@code position}, in the format's clock. */
    long timestampOf(long position) {
        double seconds = position / mount.source().frameRate();
        return (timestampBase + Math.round(seconds * format.clockRate())) & 0xFFFFFFFFL;
    }

    // --- the sender's bookkeeping, under lock() ---

    int takeSequenceLocked() {
        int seq = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        return seq;
    }

    void countSent(int packets, long bytes, int frames, long timestamp) {
        packetsSent += packets;
        bytesSent += bytes;
        framesSent += frames;
        lastTimestamp = timestamp;
    }

    /** {@code System.nanoTime()} at which the next RTCP sender report is due. */
    long nextReportDue() {
        return nextReportDue;
    }

    void reportDue(long nanoTime) {
        nextReportDue = nanoTime;
    }

    /** The RTP timestamp of the last frame sent, for sender reports. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public String toString() {
        return "session " + id + " (" + dialect.name().toLowerCase(java.util.Locale.ROOT) + ", " + mount.path() + ", " + peer + ")";
    }
}
