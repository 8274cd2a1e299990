package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line in its own process: SIGTERM says BYE to every session and exits. */
class ShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermSaysByeToEverySessionAndExits() throws Exception {
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(400, 64, 48));
        Files.writeString(dir.resolve("server.json"), "{\"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0}}");
        try (ChildServer server = ChildServer.start(dir.resolve("server.json"))) {
            int port = server.awaitPort(ChildServer.RTSP_PORT);
            try (StandardClient a = new StandardClient(port, "/clip.Mjpeg"); StandardClient b = new StandardClient(port, "/clip.Mjpeg")) {
                a.setupUdp();
                b.setupTcp();
                a.request("PLAY", a.url());
                b.request("PLAY", b.url());
                await().atMost(Duration.ofSeconds(10)).until(() -> a.frames().size() > 2 && b.frames().size() > 2);
                int before = a.rtcpPackets().size() + b.rtcpPackets().size();
                long start = System.nanoTime();
                server.terminate();
                assertTrue(server.exited(10), "the server must exit after SIGTERM");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.println("server exited " + millis + " ms after SIGTERM");
                await().atMost(Duration.ofSeconds(5)).until(() -> a.rtcpPackets().size() + b.rtcpPackets().size() > before);
                assertTrue(a.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye), "UDP session got BYE");
                assertTrue(b.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye), "interleaved session got BYE");
            }
        }
    }

}
