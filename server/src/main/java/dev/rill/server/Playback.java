package dev.rill.server;

import java.util.OptionalLong;

/**
 * One PLAY of a session: from which position, since when, and when its next frame is due. Due
 * times come from the frame count, never from adding periods, so a session does not drift:
 * frame k of this play is due at {@code start + (k - startPosition) / fps}. A session that an
 * overloaded sender left far behind is re-anchored instead of sent in a burst (see
 * {@link #MAX_LATE_NANOS}).
 */
final class Playback {

    private final Session session;
    private long startNanos;
    private long startPosition;
    private final double nanosPerFrame;
    private final long endPosition;
    private final long frameCount;
    private final boolean loops;

    // Only the sender advances a playback, under the session's lock.
    private long nextPosition;
    private long due;
    private volatile boolean cancelled;

    /**
     * @param startPosition first position to send (counting loops)
     * @param endPosition   position to stop before, or {@code Long.MAX_VALUE} for the source's end
     */
    Playback(Session session, long startNanos, long startPosition, long endPosition) {
        this.session = session;
        this.startNanos = startNanos;
        this.startPosition = startPosition;
        this.nextPosition = startPosition;
        this.endPosition = endPosition;
        this.nanosPerFrame = 1e9 / session.mount().source().frameRate();
        OptionalLong count = session.mount().source().frameCount();
        this.frameCount = count.orElse(0);
        this.loops = count.isPresent() && session.mount().source().loops();
        this.due = startNanos;
    }

    /**
     * How late a frame may be and still be caught up by sending the missed frames back to back;
     * later than this (the sender was starved, e.g. by a burst of handshakes on a busy machine)
     * the play's clock restarts at the next frame: a player takes a short stall better than a
     * burst of stale frames, and the RTP timestamps stay those of the media either way.
     */
    static final long MAX_LATE_NANOS = 500_000_000L;

    Session session() {
        return session;
    }

    /** {@code System.nanoTime()} at which the next frame is due. */
    long due() {
        return due;
    }

    long nextPosition() {
        return nextPosition;
    }

    /** The source's frame index for the next position (wrapping for a looping source). */
    long nextFrameIndex() {
        return loops && frameCount > 0 ? nextPosition % frameCount : nextPosition;
    }

    /** True when the play's own end (a Range end) is reached. */
    boolean atEnd() {
        return nextPosition >= endPosition;
    }

    void advance() {
        skipTo(nextPosition + 1);
    }

    /**
     * Starts the play's clock at {@code now}: its first frame is due then. Only before the
     * playback is handed to a sender.
     */
    void startAt(long now) {
        startNanos = now;
        due = startNanos + Math.round((nextPosition - startPosition) * nanosPerFrame);
    }

    /** Restarts the play's clock when its next frame is more than {@link #MAX_LATE_NANOS} late. */
    void catchUp(long now) {
        if (now - due > MAX_LATE_NANOS) {
            startNanos = now;
            startPosition = nextPosition;
            due = now;
        }
    }

    /** Moves to a later position, keeping the play's own clock. */
    void skipTo(long position) {
        nextPosition = position;
        due = startNanos + Math.round((nextPosition - startPosition) * nanosPerFrame);
    }

    /** Taken out of the schedule: the sender drops it when it next comes up. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
