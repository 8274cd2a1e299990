package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-in plugin jars and the statistics plugin, with a real server. */
class PluginsAndStatsTest {

    /** Where the build put the test card jar (maven-dependency-plugin, process-test-resources). */
    private static final Path TESTCARD_JAR = Path.of("target", "plugins", "rill-plugin-testcard.jar");

    @TempDir
    Path dir;

    @Test
    void aLiveSourceFromADroppedInJarPlaysAndABrokenJarBesideItIsSkipped() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.rill.plugin.testcard.TestCardProvider"),
                "the test card must not be on the server's class path");
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        Files.writeString(dir.resolve("plugins/broken.jar"), "this is not a zip file");
        try (TestServer server = TestServer.start(dir, "\"mounts\": [{\"path\": \"/card\", \"source\": "
                + "{\"type\": \"testcard\", \"width\": 160, \"height\": 112}}]");
             StandardClient client = new StandardClient(server.port(), "/card")) {
            assertEquals(200, client.setupUdp().status().code());
            var play = client.request("PLAY", client.url());
            assertEquals("npt=now-", play.headers().first("Range").orElseThrow());
            await().atMost(Duration.ofSeconds(20)).until(() -> client.frames().size() >= 5);
            var image = ImageIO.read(new ByteArrayInputStream(client.frames().get(4).data()));
            assertEquals(160, image.getWidth());
            assertEquals(112, image.getHeight());
        }
    }

    @Test
    void aClassicAndAStandardViewerOfOneLiveSourceBothGetFrames() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        // Two payload formats, two feeds, one source: started once, its frames reach both.
        try (TestServer server = TestServer.start(dir, "\"mounts\": [{\"path\": \"/card\", \"source\": "
                + "{\"type\": \"testcard\", \"width\": 160, \"height\": 112}}]");
             StandardClient standard = new StandardClient(server.port(), "/card");
             ClassicClient classic = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            assertEquals(200, standard.setupUdp().status().code());
            assertEquals(200, standard.request("PLAY", standard.url()).status().code());
            assertTrue(classic.setup("card").startsWith("RTSP/1.0 200"));
            assertTrue(classic.play("card").startsWith("RTSP/1.0 200"));
            await().atMost(Duration.ofSeconds(20)).until(() -> standard.frames().size() >= 5 && classic.packets().size() >= 5);
        }
    }

    @Test
    void statsServeJsonAndPrometheusThatMatchWhatTheClientCounted() throws Exception {
        // On the server's one HTTP listener, beside /stream and /snapshot.
        try (TestServer server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}]")) {
            int httpPort = server.httpPort();
            TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), TestMedia.frames(200, 160, 120));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + httpPort;
            assertEquals(200, get(http, base + "/health").statusCode());
            try (StandardClient client = new StandardClient(server.port(), "/clip.Mjpeg")) {
                client.setupUdp();
                client.request("PLAY", client.url());
                await().atMost(Duration.ofSeconds(10)).until(() -> client.frames().size() >= 10);
                long early = packetsSent(get(http, base + "/stats").body());
                await().atMost(Duration.ofSeconds(10)).until(() -> packetsSent(get(http, base + "/stats").body()) > early);
                client.request("PAUSE", client.url());
                // Once paused, the server's count and the client's settle on the same number.
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        packetsSent(get(http, base + "/stats").body()) == client.packets().size());
                String metrics = get(http, base + "/metrics").body();
                Matcher m = Pattern.compile("(?m)^rill_packets_sent_total(?:\\{[^}]*})? (\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)$").matcher(metrics);
                assertTrue(m.find(), metrics);
                assertEquals(client.packets().size(), (long) Double.parseDouble(m.group(1)), metrics);
                assertTrue(get(http, base + "/stats").body().contains(client.session()));
            }
        }
    }

    @Test
    void theDeprecatedHttpPortOfTheStatsListenerStillServesForOneRelease() throws Exception {
        int httpPort;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            httpPort = free.getLocalPort();
        }
        try (TestServer server = TestServer.start(dir, "\"listeners\": [{\"type\": \"stats\", \"httpPort\": " + httpPort
                + ", \"logEverySeconds\": 0}]")) {
            assertTrue(server.server.httpPort().isEmpty(), "no \"http\" key, no shared listener");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals(200, get(http, "http://127.0.0.1:" + httpPort + "/health").statusCode());
            assertEquals(0, packetsSent(get(http, "http://127.0.0.1:" + httpPort + "/stats").body()));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The server-wide packets sent, from the /stats JSON. */
    private static long packetsSent(String json) throws IOException {
        JsonNode packets = new ObjectMapper().readTree(json).path("server").path("packetsSent");
        assertTrue(packets.isIntegralNumber(), json);
        return packets.longValue();
    }
}
