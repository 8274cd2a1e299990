package dev.rill.spi;

import java.util.List;

/**
 * Turns a frame into the payloads of the RTP packets that carry it. The result is computed once
 * per frame and shared by every session, so it must not depend on the session: the session adds
 * only its own RTP header (SSRC, sequence number, timestamp, marker).
 */
public interface Payloader {

    /**
     * The payloads for {@code frame}, in sending order; empty when the frame cannot be carried
     * (the payloader logs why).
     */
    List<PayloadFragment> payload(Frame frame);
}
