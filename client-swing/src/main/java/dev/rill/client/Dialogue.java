package dev.rill.client;

import dev.rill.wire.PortRange;
import dev.rill.wire.RtspClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The RTSP requests of one dialect, over one {@link RtspClient}: the standard one
 * (OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, keep-alives; RFC 2326) or the course's
 * classic one (SETUP, PLAY, PAUSE, TEARDOWN with bare file names). Every method blocks for at
 * most the client's timeout and throws {@link Refusal} for a non-2xx answer.
 */
sealed interface Dialogue permits StandardDialogue, ClassicDialogue {

    /** What will be received: asked of the server (DESCRIBE) or known (classic). */
    Stream describe() throws IOException;

    /**
     * Creates a session receiving on these UDP ports, or over the RTSP connection when
     * {@code udpPorts} is empty.
     */
    Setup setup(Optional<PortRange> udpPorts) throws IOException;

    /** Starts or resumes; with {@code from}, from that position (a seek). */
    Play play(Optional<Duration> from) throws IOException;

    void pause() throws IOException;

    void teardown() throws IOException;

    /** Keeps the session alive (RFC 2326 §12.37); nothing in the classic dialect. */
    void keepAlive() throws IOException;

    /** The encoding name to pick a depayloader by; empty means decide on the first packet. */
    record Stream(Optional<String> encoding, int clockRate, OptionalInt payloadType, Optional<Duration> duration,
                  OptionalDouble frameRate) {
    }

    /**
     * @param sessionId      the Session id
     * @param timeoutSeconds the session timeout the server announced
     * @param serverPorts    the server's RTP and RTCP ports (UDP)
     * @param interleaved    the RTP and RTCP channels (TCP)
     * @param ssrc           the stream's SSRC, when the server said
     */
    record Setup(String sessionId, OptionalInt timeoutSeconds, Optional<PortRange> serverPorts,
                 Optional<PortRange> interleaved, OptionalLong ssrc) {
    }

    /**
     * @param start   where playback starts (the reply's Range), when said
     * @param rtpTime the RTP timestamp that corresponds to {@code start} (RTP-Info), when said
     */
    record Play(Optional<Duration> start, OptionalLong rtpTime) {
    }
}
