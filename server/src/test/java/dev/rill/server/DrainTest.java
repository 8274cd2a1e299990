package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line in its own process with {@code "drainSeconds"}: on SIGTERM {@code /health}
 * turns 503 at once, a playing viewer keeps getting frames through the drain, a new session is
 * refused (503 on a connection already open; a new connection is refused), and then the viewer
 * gets BYE and the process exits.
 */
class DrainTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private int health(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sigtermTurnsHealthTo503AndLetsViewersPlayThroughTheDrainThenSaysByeAndExits() throws Exception {
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(600, 64, 48));
        Files.writeString(dir.resolve("server.json"), """
                {"rtsp": {"host": "127.0.0.1", "port": 0}, "http": {"host": "127.0.0.1", "port": 0},
                 "drainSeconds": 20}""");
        try (ChildServer server = ChildServer.start(dir.resolve("server.json"))) {
            int port = server.awaitPort(ChildServer.RTSP_PORT);
            int httpPort = server.awaitPort(ChildServer.HTTP_PORT);
            try (StandardClient viewer = new StandardClient(port, "/clip.Mjpeg");
                 StandardClient late = new StandardClient(port, "/clip.Mjpeg")) {
                assertEquals(200, viewer.setupUdp().status().code());
                assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
                await().atMost(Duration.ofSeconds(15)).until(() -> viewer.frames().size() > 2);
                assertEquals(200, health(httpPort));

                server.terminate();
                await().atMost(Duration.ofSeconds(15)).until(() -> health(httpPort) == 503);
                int framesAtDrain = viewer.frames().size();
                await().atMost(Duration.ofSeconds(15)).until(() -> viewer.frames().size() > framesAtDrain + 10);
                assertTrue(viewer.rtcpPackets().stream().noneMatch(RtcpPackets::hasBye), "no BYE during the drain");

                RtspResponse refused = late.setupUdp();
                assertEquals(503, refused.status().code());
                assertTrue(refused.status().reason().contains("draining"), refused.status().reason());
                assertThrows(IOException.class, () -> new StandardClient(port, "/clip.Mjpeg").close(),
                        "a new connection is refused while draining");

                assertTrue(server.exited(60), "the server must exit after its drain");
                await().atMost(Duration.ofSeconds(5)).until(() -> viewer.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
            }
        }
    }
}
