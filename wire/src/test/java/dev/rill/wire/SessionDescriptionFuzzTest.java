package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * SDP (RFC 4566) as it arrives in an ANNOUNCE body (the server) and a DESCRIBE reply from an
 * upstream (rtsp-pull, the player): decoded as UTF-8 the way both callers do, it parses or is
 * refused with {@link IllegalArgumentException}; what parses is a usable video stream.
 */
class SessionDescriptionFuzzTest {

    private static final String BASE = "rtsp://127.0.0.1:8554/live";

    @FuzzTest
    void parse(byte[] input) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertTrue(sdp.payloadType() >= 0 && sdp.payloadType() <= 127, "payload type " + sdp.payloadType());
        assertTrue(sdp.clockRate() > 0, "clock rate " + sdp.clockRate());
        assertFalse(sdp.encoding().isEmpty(), "no encoding");
        sdp.duration().ifPresent(d -> assertTrue(d.isPositive(), "duration " + d));
        sdp.frameRate().ifPresent(f -> assertTrue(Double.isFinite(f) && f > 0, "frame rate " + f));
        assertFalse(sdp.setupUrl(BASE).isEmpty());
        assertFalse(sdp.aggregateUrl(BASE).isEmpty());
    }
}
