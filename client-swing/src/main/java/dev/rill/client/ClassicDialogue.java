package dev.rill.client;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.PortRange;
import dev.rill.wire.RtspClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The course's dialect, as its client speaks it: requests name the bare file, carry
 * {@code CSeq} and then either {@code Transport: RTP/UDP; client_port= <port>} (SETUP) or
 * {@code Session: <id>}, and end without a blank line. The course's servers know nothing else:
 * no OPTIONS, no DESCRIBE, no seeking, no keep-alive. RTP comes as one whole JPEG per datagram,
 * stamped in milliseconds.
 *
 * <p>{@code --tcp} asks for {@code RTP/AVP/TCP;unicast;interleaved=0-1} in the same request form;
 * only Rill answers that, with its standard RFC 2435 stream at 90 kHz.
 */
final class ClassicDialogue implements Dialogue {

    /** The course's server stamps frames in milliseconds. */
    static final int CLASSIC_CLOCK_RATE = 1000;
    /** RFC 2435 over TCP from Rill: the video clock. */
    static final int VIDEO_CLOCK_RATE = 90_000;
    /** The course's frame period, 50 ms. */
    static final double COURSE_FRAME_RATE = 20;

    private final RtspClient client;
    private final String file;
    private final boolean tcp;
    private Optional<String> session = Optional.empty();

    ClassicDialogue(RtspClient client, String file, boolean tcp) {
        this.client = client;
        this.file = file;
        this.tcp = tcp;
    }

    @Override
    public Stream describe() {
        return new Stream(Optional.empty(), tcp ? VIDEO_CLOCK_RATE : CLASSIC_CLOCK_RATE, OptionalInt.empty(),
                Optional.empty(), OptionalDouble.of(COURSE_FRAME_RATE));
    }

    @Override
    public Setup setup(Optional<PortRange> udpPorts) throws IOException {
        String transport = udpPorts.map(p -> "RTP/UDP; client_port= " + p.first())
                .orElse("RTP/AVP/TCP;unicast;interleaved=0-1");
        RtspResponse reply = Refusal.check("SETUP", client.request(RtspMethod.SETUP, file, RtspHeaders.TRANSPORT, transport));
        String id = reply.headers().first(RtspHeaders.SESSION).map(v -> v.split(";", 2)[0].strip())
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IOException("the reply to SETUP has no Session line"));
        session = Optional.of(id);
        return new Setup(id, OptionalInt.empty(), Optional.empty(),
                udpPorts.isPresent() ? Optional.empty() : Optional.of(new PortRange(0, 1)), OptionalLong.empty());
    }

    @Override
    public Play play(Optional<Duration> from) throws IOException {
        Refusal.check("PLAY", client.request(RtspMethod.PLAY, file, RtspHeaders.SESSION, sessionId()));
        return new Play(Optional.empty(), OptionalLong.empty());
    }

    @Override
    public void pause() throws IOException {
        Refusal.check("PAUSE", client.request(RtspMethod.PAUSE, file, RtspHeaders.SESSION, sessionId()));
    }

    @Override
    public void teardown() throws IOException {
        if (session.isPresent()) {
            String id = session.get();
            session = Optional.empty();
            Refusal.check("TEARDOWN", client.request(RtspMethod.TEARDOWN, file, RtspHeaders.SESSION, id));
        }
    }

    @Override
    public void keepAlive() {
        // the course's servers answer nothing but the four methods, and never time a session out
    }

    private String sessionId() throws IOException {
        return session.orElseThrow(() -> new IOException("no session: SETUP first"));
    }
}
