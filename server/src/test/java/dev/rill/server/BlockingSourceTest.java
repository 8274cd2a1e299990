package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin code never runs on a sender thread: a source that blocks holds up its own mount, and
 * the sessions of every other mount keep their frame rate meanwhile.
 */
class BlockingSourceTest {

    /** Frame 3 of /stall blocks its reader this long: far longer than the other viewer needs. */
    static final int STALL_MILLIS = 6000;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media").resolve("clip.Mjpeg"), TestMedia.frames(200, 64, 48));
        server = TestServer.start(dir, "\"mounts\": [{\"path\": \"/stall\", \"source\": {\"type\": \"test-stalling\","
                + " \"stallAt\": 3, \"stallMillis\": " + STALL_MILLIS + "}}]");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBlockingSourceStallsItsOwnMountOnly() throws Exception {
        try (StandardClient stalled = new StandardClient(server.port(), "/stall");
             StandardClient other = new StandardClient(server.port(), "/clip.Mjpeg")) {
            stalled.setupUdp();
            stalled.request("PLAY", stalled.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.frames().size() >= 3);
            other.setupUdp();
            other.request("PLAY", other.url());
            // 40 frames are 2 s of the other mount: they all arrive while /stall is still blocked.
            await().atMost(Duration.ofSeconds(20)).until(() -> other.frames().size() >= 40);
            assertEquals(3, stalled.frames().size(), "the blocked mount sent nothing more meanwhile");
            // Once the source gives its frame, the blocked mount goes on to its end.
            await().atMost(Duration.ofSeconds(30)).until(() -> stalled.frames().size() >= 40);
        }
    }
}
