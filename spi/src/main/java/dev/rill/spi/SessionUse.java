package dev.rill.spi;

/** What a method does with sessions (RFC 2326 §A.1 sorts methods the same way). */
public enum SessionUse {
    /** Works without a session; a Session header, if sent, only keeps that session alive. */
    NONE,
    /** Needs an existing session: a request without one, or with an unknown one, gets 454. */
    REQUIRED,
    /** Creates a session (SETUP). */
    CREATES
}
