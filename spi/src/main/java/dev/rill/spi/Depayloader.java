package dev.rill.spi;

import java.util.Optional;

/**
 * Rebuilds frames from received RTP packets of one stream. Not thread-safe: one receiver feeds it.
 */
public interface Depayloader {

    /**
     * Takes the next packet in arrival order. Returns a frame when this packet completes one;
     * a frame with missing packets is dropped and counted, never returned.
     */
    Optional<ReceivedFrame> push(RtpPacket packet);

    /** Frames dropped so far because packets were missing or malformed. */
    long framesDropped();
}
