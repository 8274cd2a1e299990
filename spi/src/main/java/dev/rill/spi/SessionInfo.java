package dev.rill.spi;

import java.net.InetSocketAddress;

/** What a session shows to handlers and listeners; counters are read live. */
public interface SessionInfo {

    /** The id as sent in the Session header. */
    String id();

    /** The peer of the RTSP connection that set the session up. */
    InetSocketAddress peer();

    Mount mount();

    Dialect dialect();

    /** The transport as it would be written in a Transport header. */
    String transport();

    SessionState state();

    /** When SETUP created the session. */
    java.time.Instant openedAt();

    /** RTP packets sent so far. */
    long packetsSent();

    /** RTP payload and header bytes sent so far. */
    long bytesSent();

    /** Frames sent so far. */
    long framesSent();
}
