package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Availability;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RtspPull#probe}: a DESCRIBE on a connection of its own, which says whether the upstream
 * has the path (404: not found, naming the answer), and sets nothing up.
 */
class ProbeTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 26\r\na=control:trackID=0\r\n";

    ScriptedUpstream upstream;
    RtspPull source;

    @AfterEach
    void end() throws IOException {
        if (source != null) {
            source.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private Availability probe(String describeReply) throws IOException {
        upstream = new ScriptedUpstream((r, c) -> switch (r.method()) {
            case "OPTIONS" -> "RTSP/1.0 200 OK\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN";
            case "DESCRIBE" -> describeReply;
            default -> "RTSP/1.0 500 Internal Server Error";
        });
        source = source(upstream.url("", "/cam"));
        return source.probe(Duration.ofSeconds(6));
    }

    private RtspPull source(String url) {
        return new RtspPull(new RtspPullConfig(url, "tcp", true, 5, null),
                RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow(), RtspPull.Timing.DEFAULT);
    }

    @Test
    void anUpstreamThatDescribesJpegIsAvailableAndNothingIsSetUp() throws IOException {
        Availability found = probe("RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\n\r\n" + SDP);
        assertEquals(Availability.State.AVAILABLE, found.state(), found.reason());
        assertTrue(upstream.requests.stream().noneMatch(r -> r.method().equals("SETUP")));
    }

    @Test
    void anUpstreamAnswering404IsNotFoundAndTheReasonNamesTheAnswer() throws IOException {
        Availability found = probe("RTSP/1.0 404 Not Found");
        assertEquals(Availability.State.NOT_FOUND, found.state());
        assertTrue(found.reason().contains("DESCRIBE was answered 404 Not Found"), found.reason());
    }

    @Test
    void anotherRefusalOrNoUpstreamIsAFailure() throws IOException {
        assertEquals(Availability.State.FAILED, probe("RTSP/1.0 403 Forbidden").state());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RtspPull nobody = source("rtsp://127.0.0.1:" + closedPort + "/cam")) {
            Availability found = nobody.probe(Duration.ofSeconds(3));
            assertEquals(Availability.State.FAILED, found.state());
            assertTrue(found.reason().startsWith("rtsp://127.0.0.1:" + closedPort + "/cam: "), found.reason());
        }
    }
}
