package dev.rill.client;

/** Where the player is; decides which buttons a person may press. */
enum PlayerState {
    /** Nothing to play yet: the window waits for a URL. */
    EMPTY,
    /** A target is known but no session exists (at the start, after Stop, after a failure). */
    STOPPED,
    /** Connecting and setting up (OPTIONS, DESCRIBE, SETUP). */
    OPENING,
    /** Set up, not yet playing: the first Play starts at once. */
    READY,
    PLAYING,
    PAUSED,
    /** The server ended the stream (RTCP BYE); Play starts it again from the beginning. */
    ENDED,
    /** The player is shut down (window closed, headless run over). */
    CLOSED;

    boolean canPlay() {
        return this == STOPPED || this == READY || this == PAUSED || this == ENDED;
    }

    boolean canPause() {
        return this == PLAYING;
    }

    boolean canStop() {
        return this == READY || this == PLAYING || this == PAUSED || this == ENDED;
    }

    /** True while a session exists on the server. */
    boolean hasSession() {
        return this == READY || this == PLAYING || this == PAUSED || this == ENDED;
    }
}
