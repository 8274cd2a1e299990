package dev.rill.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One PLAY of a session, as its sender sees it: which session, when its next frame is due, and
 * whether PAUSE or TEARDOWN took it out of the schedule. A stored source's plays follow their own
 * schedule ({@link StoredPlayback}); a live source's are woken by the arrival of each frame
 * ({@link LivePlayback}).
 *
 * <p>A playback handed to its sender waits in the sender's incoming stack, linked through the
 * playback itself: a live source hands every viewer to its sender at every frame, and a queue
 * node for each (a {@code ConcurrentLinkedQueue}'s) was most of what the server allocated with
 * live viewers (JFR).
 */
abstract sealed class Playback permits StoredPlayback, LivePlayback {

    private static final VarHandle INCOMING;

    static {
        try {
            INCOMING = MethodHandles.lookup().findVarHandle(Playback.class, "incoming", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** True from the push onto a sender's incoming stack until the sender takes it off. */
    @SuppressWarnings("unused") // through INCOMING
    private volatile boolean incoming;
    /** The next playback down that stack; written before the push, read after the take. */
    private Playback below;

    abstract Session session();

    /** {@code System.nanoTime()} at which the next frame is due. */
    abstract long due();

    /** Starts the play's clock at {@code now}, once its PLAY reply is out, and hands it to its sender or feed. */
    abstract void begin(long now);

    /** Taken out of the schedule: the sender drops it when it next comes up. */
    abstract void cancel();

    abstract boolean cancelled();

    /** Claims the right to be pushed onto the incoming stack; false while already on it. */
    final boolean claimIncoming() {
        return INCOMING.compareAndSet(this, false, true);
    }

    /** The stack's link, for the sender's incoming stack only. */
    final Playback below() {
        return below;
    }

    final void below(Playback p) {
        below = p;
    }

    /** Taken off the stack: unlinked, and free to be pushed again. */
    final void taken() {
        below = null;
        incoming = false;
    }
}
