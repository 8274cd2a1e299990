package dev.rill.spi;

/** The RFC 2326 §A.2 server state machine, as far as a playing server needs it. */
public enum SessionState {
    /** Created by SETUP, or PAUSEd: transport chosen, nothing being sent. */
    READY,
    /** Sending. */
    PLAYING,
    /** Torn down, timed out or disconnected; nothing of it remains but this value. */
    CLOSED
}
