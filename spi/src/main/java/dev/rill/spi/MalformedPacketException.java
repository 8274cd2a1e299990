package dev.rill.spi;

/** Bytes that are not a well-formed RTP or RTCP packet. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message);
    }
}
