package dev.rill.spi;

/**
 * Hears what happens to sessions. Called on server threads (a connection's, the sender's, the
 * RTCP receiver's): return quickly and never block. Counters are read from {@link SessionInfo}
 * whenever the listener likes; nothing is called per packet.
 */
public interface SessionListener extends AutoCloseable {

    /** A session was set up (READY). */
    default void opened(SessionInfo session) {
    }

    /** The session moved to {@code state} (PLAYING, READY after PAUSE or at the end of the media). */
    default void stateChanged(SessionInfo session, SessionState state) {
    }

    /** The session's client sent a receiver report about the session's stream. */
    default void receptionReported(SessionInfo session, ReceptionReport report) {
    }

    /** The session ended (TEARDOWN, timeout, connection closed, server stopping). */
    default void closed(SessionInfo session) {
    }

    /** The server is stopping; free what the listener holds. */
    @Override
    default void close() {
    }
}
