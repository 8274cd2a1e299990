package dev.rill.server;

/**
 * One PLAY of a session, as its sender sees it: which session, when its next frame is due, and
 * whether PAUSE or TEARDOWN took it out of the schedule. A stored source's plays follow their own
 * schedule ({@link StoredPlayback}); a live source's are woken by the arrival of each frame
 * ({@link LivePlayback}).
 */
sealed interface Playback permits StoredPlayback, LivePlayback {

    Session session();

    /** {@code System.nanoTime()} at which the next frame is due. */
    long due();

    /** Starts the play's clock at {@code now}, once its PLAY reply is out, and hands it to its sender or feed. */
    void begin(long now);

    /** Taken out of the schedule: the sender drops it when it next comes up. */
    void cancel();

    boolean cancelled();
}
