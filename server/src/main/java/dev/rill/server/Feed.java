package dev.rill.server;

/**
 * The prefetch stage of one source in one payload format: where frames are read, normalised and
 * cut into RTP payloads once, on a thread of the feed's own, for every session that plays them.
 * Plugin code (the source, the payloader) runs here and never on a sender thread, so a slow or
 * blocking source stalls its own feed only. Made and shared by {@link Feeds}, which closes a
 * feed when its last session has gone.
 */
sealed interface Feed permits StoredFeed, LiveFeed {

    /** Starts the feed's thread. */
    void start();

    /** Stops the thread (waiting a bounded time for plugin code in progress) and lets go of every frame. */
    void close();
}
