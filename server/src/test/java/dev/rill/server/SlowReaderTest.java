package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        try (Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setReceiveBufferSize(4096);
            String url = "rtsp://127.0.0.1:" + server.port() + "/big.Mjpeg";
            stalled.getOutputStream().write(("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[1024];
            int n = stalled.getInputStream().read(reply);
            String text = new String(reply, 0, n, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("RTSP/1.0 200"), text);
            String session = text.replaceAll("(?s).*Session: ([0-9A-F]+).*", "$1");
            stalled.getOutputStream().write(("PLAY " + url + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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
