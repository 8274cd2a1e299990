package dev.rill.wire;

import dev.rill.spi.RtspStatus;
/**
 * Bytes that are not an acceptable RTSP message. Carries the status a server should answer with
 * (400, 413, 414, 505) and a short reason fit for the reason phrase. After it the connection
 * cannot be re-synchronised and should be closed once the answer is written.
 */
public final class RtspParseException extends Exception {

    private final transient RtspStatus status;

    public RtspParseException(RtspStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public RtspStatus status() {
        return status;
    }

    /** The short reason, without the status. */
    public String reason() {
        return getMessage();
    }
}
