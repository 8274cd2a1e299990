package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams already playing come first: requests wait while a sender is far behind its schedule. */
class MediaFirstTest {

    /** Frame 3 of /stall holds its sender up this long. */
    static final int STALL_MILLIS = 3000;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, "\"mounts\": [{\"path\": \"/stall\", \"source\": {\"type\": \"test-stalling\","
                + " \"stallAt\": 3, \"stallMillis\": " + STALL_MILLIS + "}}]");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestWaitsWhileTheSenderIsBehindThenIsServed() throws Exception {
        try (StandardClient viewer = new StandardClient(server.port(), "/stall")) {
            viewer.setupUdp();
            viewer.request("PLAY", viewer.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.frames().size() >= 3);
            TimeUnit.MILLISECONDS.sleep(300); // frame 3 was due 50 ms after frame 2: the sender is stuck in it
            Assumptions.assumeTrue(viewer.frames().size() == 3, "the stall ended before the request could be sent");
            long sent = System.nanoTime();
            try (RawRtsp other = new RawRtsp(server.port())) {
                RtspResponse r = other.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
                long waited = System.nanoTime() - sent;
                assertEquals(200, r.status().code());
                // Sent at least 2.6 s before the sender could go on, it waited the longest a request
                // waits (2 s; load can only make that longer), then was served anyway.
                assertTrue(waited >= RtspConnection.MAX_YIELD_NANOS * 9 / 10, "answered after " + waited / 1_000_000 + " ms");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.frames().size() >= 10);
            RtspResponse teardown = viewer.request("TEARDOWN", viewer.url());
            assertEquals(200, teardown.status().code());
        }
    }
}
