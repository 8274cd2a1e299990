package dev.rill.plugin.rtsppull;

/** Where an {@code rtsp-pull} source is with its upstream. */
enum PullState {
    /** Not wanted (on demand, nobody watching), or not begun: no connection. */
    WAITING,
    /** Connecting, or in the OPTIONS-to-PLAY dialogue. */
    CONNECTING,
    /** Playing, and RTP has come. */
    LIVE,
    /** The upstream dropped or refused: waiting out the backoff before the next attempt. */
    RETRYING,
    /** Closed for good. */
    CLOSED
}
