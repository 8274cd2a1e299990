package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rill server relaying another through an {@code rtsp-pull} mount: the upstream loops a
 * generated clip; a viewer of the relay gets its frames. On demand, the relay holds a session
 * upstream only while somebody watches, and lets it go about 10 s after the last viewer left.
 */
class RtspPullRelayTest {

    @TempDir
    Path upstreamDir;
    @TempDir
    Path relayDir;
    TestServer upstream;
    TestServer relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(String transport, boolean onDemand) throws IOException {
        Files.createDirectories(upstreamDir.resolve("media"));
        TestMedia.writeMjpeg(upstreamDir.resolve("media/clip.Mjpeg"), TestMedia.frames(20, 160, 120));
        upstream = TestServer.start(upstreamDir, """
                "mounts": [{"path": "/clip", "source": {"type": "mjpeg-file", "file": "media/clip.Mjpeg",
                            "fps": 20, "loop": true}}]""");
        relay = TestServer.start(relayDir, """
                "mounts": [{"path": "/relay", "source": {"type": "rtsp-pull",
                            "url": "rtsp://127.0.0.1:%d/clip", "transport": "%s", "onDemand": %s}}]"""
                .formatted(upstream.port(), transport, onDemand));
    }

    @Test
    void aViewerOfTheRelayGetsTheUpstreamsFrames() throws IOException {
        start("udp", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.server.sessionCount() == 1);
        try (StandardClient viewer = new StandardClient(relay.port(), "/relay")) {
            assertEquals(200, viewer.setupUdp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(Duration.ofSeconds(15)).until(() -> viewer.frames().size() >= 20);
        }
    }

    @Test
    void onDemandHoldsAnUpstreamSessionOnlyWhileWatchedAndTenSecondsAfter() throws IOException {
        start("tcp", true);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> upstream.server.sessionCount() == 0);
        try (StandardClient viewer = new StandardClient(relay.port(), "/relay")) {
            assertEquals(200, viewer.setupUdp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(Duration.ofSeconds(15)).until(() -> viewer.frames().size() >= 10);
            assertEquals(1, upstream.server.sessionCount());
            assertEquals(200, viewer.request("TEARDOWN", viewer.url()).status().code());
        }
        // The relay lingers 10 s after the last viewer, then ends its session upstream.
        await().atLeast(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(20))
                .until(() -> upstream.server.sessionCount() == 0);
    }
}
