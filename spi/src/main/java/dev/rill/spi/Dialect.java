package dev.rill.spi;

/** Which RTSP a session speaks; chosen at SETUP. */
public enum Dialect {
    /** RFC 2326 / 3550 / 2435, as ffmpeg, GStreamer and VLC speak it. */
    STANDARD,
    /** The course exercise's clients: bare file names, minimal replies, one JPEG per datagram. */
    CLASSIC
}
