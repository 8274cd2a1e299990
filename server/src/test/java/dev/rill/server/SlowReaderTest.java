package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TCP-interleaved client that stops reading costs a bounded queue and stalls nobody else. */
class SlowReaderTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, "");
        // Big frames so that the stalled reader's socket buffers fill quickly.
        TestMedia.writeMjpeg(server.media().resolve("big.Mjpeg"), TestMedia.frames(200, 640, 480, 2, 0.9f, 4_000));
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), TestMedia.frames(60, 160, 120));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStalledInterleavedReaderDoesNotStallOtherSessions() throws Exception {
        String url = "rtsp://127.0.0.1:" + server.port() + "/big.Mjpeg";
        // Without a reader thread the client reads only while a request waits for its reply.
        try (RtspClient stalled = RtspClient.connect(URI.create(url), RtspClientOptions.of(RequestStyle.STANDARD)
                .withReaderThread(false).withReceiveBuffer(4096))) {
            RtspResponse setup = stalled.request(RtspMethod.SETUP, url + "/trackID=0",
                    RtspHeaders.TRANSPORT, "RTP/AVP/TCP;unicast;interleaved=0-1");
            assertEquals(200, setup.status().code(), setup.toString());
            stalled.send(RtspMethod.PLAY, url, RtspHeaders.SESSION, stalled.session().orElseThrow());
            // From here on the stalled client reads nothing.

            try (StandardClient other = new StandardClient(server.port(), "/clip.Mjpeg")) {
                other.setupTcp();
                assertEquals(200, other.request("PLAY", other.url()).status().code());
                await().atMost(Duration.ofSeconds(30)).until(() -> other.frames().size() >= 60);
            }
            // The other client has gone; the stalled session is still there, only dropping frames.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 0);
    }
}
