package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                 "drainSeconds": 6}""");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.rill.server.Main", "--config", dir.resolve("server.json").toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern httpLine = Pattern.compile("HTTP on http://127\\.0\\.0\\.1:(\\d+)/");
            Pattern rtspLine = Pattern.compile("listening on rtsp://127\\.0\\.0\\.1:(\\d+)/");
            int[] ports = CompletableFuture.supplyAsync(() -> {
                int[] found = {-1, -1};
                try {
                    for (String line = log.readLine(); line != null && (found[0] < 0 || found[1] < 0); line = log.readLine()) {
                        Matcher r = rtspLine.matcher(line);
                        Matcher h = httpLine.matcher(line);
                        if (r.find()) {
                            found[0] = Integer.parseInt(r.group(1));
                        } else if (h.find()) {
                            found[1] = Integer.parseInt(h.group(1));
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
                return found;
            }).get(60, TimeUnit.SECONDS);
            int port = ports[0];
            int httpPort = ports[1];
            assertTrue(port > 0 && httpPort > 0, "the server said where it listens");
            Thread.ofVirtual().start(() -> {
                try {
                    log.lines().forEach(line -> { });
                } catch (java.io.UncheckedIOException closed) {
                    // the process is gone
                }
            });
            try (StandardClient viewer = new StandardClient(port, "/clip.Mjpeg");
                 StandardClient late = new StandardClient(port, "/clip.Mjpeg")) {
                assertEquals(200, viewer.setupUdp().status().code());
                assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
                await().atMost(Duration.ofSeconds(15)).until(() -> viewer.frames().size() > 2);
                assertEquals(200, health(httpPort));

                process.destroy(); // SIGTERM
                await().atMost(Duration.ofSeconds(5)).until(() -> health(httpPort) == 503);
                int framesAtDrain = viewer.frames().size();
                await().atMost(Duration.ofSeconds(5)).until(() -> viewer.frames().size() > framesAtDrain + 10);
                assertTrue(viewer.rtcpPackets().stream().noneMatch(RtcpPackets::hasBye), "no BYE during the drain");

                RtspResponse refused = late.setupUdp();
                assertEquals(503, refused.status().code());
                assertTrue(refused.status().reason().contains("draining"), refused.status().reason());
                assertThrows(IOException.class, () -> new StandardClient(port, "/clip.Mjpeg").close(),
                        "a new connection is refused while draining");

                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server must exit after its drain");
                await().atMost(Duration.ofSeconds(5)).until(() -> viewer.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
