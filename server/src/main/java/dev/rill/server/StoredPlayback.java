package dev.rill.server;

/**
 * A PLAY of a stored source: from which position (counting loops, so that times keep rising),
 * since when, and the prepared frame due next. Due times follow the frames' presentation times,
 * never added periods, so a session does not drift: the frame at media time t is due at
 * {@code start + (t - anchor)}, where {@code anchor} is the media time on show at {@code start}.
 * A session that an overloaded sender left far behind is re-anchored instead of sent in a burst
 * (see {@link #MAX_LATE_NANOS}). Only the sender advances a playback, under its session's lock.
 */
final class StoredPlayback extends Playback {

    /**
     * How late a frame may be and still be caught up by sending the missed frames back to back;
     * later than this (the sender was starved, e.g. by a burst of handshakes on a busy machine)
     * the play's clock restarts at the next frame: a player takes a short stall better than a
     * burst of stale frames, and the RTP timestamps stay those of the media either way.
     */
    static final long MAX_LATE_NANOS = 500_000_000L;
    /**
     * A play's clock starts on this grid of the machine's clock: sessions of one rate then fall
     * due together at a few instants a frame period instead of at random ones, so that a sender
     * sends many frames a wake-up and a system call, as a server sending one clock's frame to
     * every viewer at once does. The first frame waits at most this long (and {@link #SPREAD_NANOS}).
     * 25 ms: two instants of a 20-fps period. 10 ms cost 13-16 % more CPU (the machine's, at 1,000
     * and 3,000 sessions); 50 ms saved 5 % more, but its bursts took the 3,000-session p99 from 58
     * to 64 ms.
     */
    static final long PHASE_NANOS = 25_000_000L;
    /**
     * Each play's own offset from the grid, under a millisecond (so that a wake-up still takes a
     * grid instant's plays together): plays due at one instant then leave in the same order at
     * every frame, instead of in whatever order the schedule's heap gives equal times, which
     * moved a play's frame within a burst from frame to frame (jitter of the burst's length).
     */
    static final long SPREAD_NANOS = 1_000_000L;
    /** Stands for "the play is over" where the next frame would be. */
    static final PreparedFrame END = new PreparedFrame(-2, 0, java.util.List.of(), 0);

    private final Session session;
    private final StoredFeed feed;
    private final long endPosition;
    /** Media time at which the play ends (its Range end, or the end of the media). */
    private final long endMedia;
    private long startNanos;
    private long anchorMedia;
    private long nextPosition;
    /** The prepared frame at nextPosition (or {@link #END}), once known. */
    private PreparedFrame next;
    private long due;
    private volatile boolean cancelled;

    /**
     * @param startPosition first position to send (counting loops)
     * @param startMedia    its media time
     * @param endPosition   position to stop before, or {@code Long.MAX_VALUE} for none
     * @param endMedia      media time of that end, or {@code Long.MAX_VALUE} for a looping source
     */
    StoredPlayback(Session session, StoredFeed feed, long startPosition, long startMedia, long endPosition, long endMedia) {
        this.session = session;
        this.feed = feed;
        this.nextPosition = startPosition;
        this.anchorMedia = startMedia;
        this.endPosition = endPosition;
        this.endMedia = endMedia;
    }

    @Override
    Session session() {
        return session;
    }

    StoredFeed feed() {
        return feed;
    }

    @Override
    long due() {
        return due;
    }

    long nextPosition() {
        return nextPosition;
    }

    /** True when the play's own end (a Range end, or the end of a non-looping source) is reached. */
    boolean atEnd() {
        return nextPosition >= endPosition || (!feed.loops() && nextPosition >= feed.frameCount());
    }

    @Override
    void begin(long now) {
        startNanos = phase(now) + spread();
        due = startNanos;
        session.sender().schedule(this);
    }

    /** This play's offset from the grid, the same at every start. */
    private long spread() {
        return Math.floorMod(System.identityHashCode(this) * 0x9E3779B1L, SPREAD_NANOS);
    }

    /** The first instant of the {@link #PHASE_NANOS} grid at or after {@code now}. */
    static long phase(long now) {
        return now + Math.floorMod(-now, PHASE_NANOS);
    }

    /** The frame due next: known, or asked of the feed (null: parked there until it is ready). */
    PreparedFrame next(long now) {
        if (next == null) {
            next = atEnd() ? END : feed.frame(feed.frameIndex(nextPosition), this, now);
        }
        return next;
    }

    /** Media time of the frame due next, which {@link #next} returned. */
    long mediaTime(PreparedFrame frame) {
        return frame == END ? endMedia : feed.mediaTime(nextPosition, frame.timeNanos());
    }

    /** When {@code frame}, the next one, is due; a frame the source could not give is due at once. */
    long dueOf(PreparedFrame frame) {
        return frame == StoredFeed.UNREADABLE ? due : startNanos + (mediaTime(frame) - anchorMedia);
    }

    /** Notes the due time of the next frame, now that it is known. */
    void dueAt(long nanoTime) {
        due = nanoTime;
    }

    /** Restarts the play's clock at {@code now} when {@code frame}, the next one, is more than {@link #MAX_LATE_NANOS} late. */
    void catchUp(long now, PreparedFrame frame) {
        if (now - dueOf(frame) > MAX_LATE_NANOS) {
            startNanos = phase(now) + spread();
            anchorMedia = mediaTime(frame);
            due = startNanos;
        }
    }

    /** The next frame was sent: on to the one after, and ask the feed to prepare ahead. */
    void advance(long now) {
        nextPosition++;
        next = null;
        feed.prefetchAt(nextPosition + StoredFeed.AHEAD - 1, now);
    }

    @Override
    void cancel() {
        cancelled = true;
    }

    @Override
    boolean cancelled() {
        return cancelled;
    }
}
