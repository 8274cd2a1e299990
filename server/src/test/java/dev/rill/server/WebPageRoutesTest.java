package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.spi.HttpRoute;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's files at {@code /} and {@code /ui}, and {@code /api/mounts}, over real sockets on loopback. */
class WebPageRoutesTest {

    private static final Path TESTCARD_JAR = Path.of("target", "plugins", "rill-plugin-testcard.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private void start(boolean withCard) throws Exception {
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(200, 160, 90));
        String card = "";
        if (withCard) {
            Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
            Files.createDirectories(dir.resolve("plugins"));
            Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
            card = ", {\"path\": \"/card\", \"source\": {\"type\": \"testcard\", \"width\": 160, \"height\": 112}}";
        }
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, \"mounts\": ["
                + "{\"path\": \"/clip\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true}}" + card + "]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode mount(String path) throws Exception {
        for (JsonNode m : JSON.readTree(get("/api/mounts").body()).get("mounts")) {
            if (m.get("path").asText().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("no mount " + path + " in /api/mounts");
    }

    @Test
    void thePageAndItsFilesComeFromTheJar() throws Exception {
        start(false);
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("<script src=\"/ui/page.js\""), page.body());
        assertEquals(200, get("/ui/page.js").statusCode());
        assertEquals("text/css; charset=utf-8", get("/ui/page.css").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, get("/ui/../server.json").statusCode());
        assertEquals(404, get("/ui/nope.js").statusCode());
        assertEquals(404, get("/api/nope").statusCode());
        assertEquals(404, get("/nope").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void apiMountsCountsRtspSessionsAndHttpViewersOfEachMount() throws Exception {
        start(false);
        JsonNode clip = mount("/clip");
        assertEquals("stored", clip.get("kind").asText());
        assertEquals("mjpeg-file", clip.get("type").asText());
        assertEquals(10.0, clip.get("durationSeconds").asDouble(), 0.01, "200 frames at 20 fps");
        assertEquals(0, clip.get("rtspSessions").asInt());
        assertEquals(0, clip.get("httpViewers").asInt());
        assertTrue(clip.get("live").isNull());
        try (StandardClient client = new StandardClient(server.port(), "/clip");
             Socket viewer = new Socket("127.0.0.1", server.httpPort())) {
            client.setupUdp();
            OutputStream out = viewer.getOutputStream();
            out.write("GET /stream/clip HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = viewer.getInputStream();
            assertTrue(in.read() >= 0, "the stream answers");
            await().atMost(Duration.ofSeconds(10)).until(() -> mount("/clip").get("httpViewers").asInt() == 1);
            assertEquals(1, mount("/clip").get("rtspSessions").asInt());
            client.request("TEARDOWN", client.url());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> mount("/clip").get("httpViewers").asInt() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> mount("/clip").get("rtspSessions").asInt() == 0);
    }

    @Test
    void theRtspUrlNamesTheHostTheBrowserAskedFor() throws Exception {
        start(false);
        int rtsp = server.port();
        assertEquals("rtsp://127.0.0.1:" + rtsp + "/clip", mount("/clip").get("rtspUrl").asText());
        assertTrue(mount("/clip").get("rtspsUrl").isNull(), "no rtsps listener, no rtsps URL");
        for (var hostAndUrl : List.of(List.of("cam-box.local:8080", "rtsp://cam-box.local:" + rtsp + "/clip"),
                List.of("[::1]:8080", "rtsp://[::1]:" + rtsp + "/clip"),
                List.of("evil\"><script>", "rtsp://127.0.0.1:" + rtsp + "/clip"))) {
            try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
                socket.getOutputStream().write(("GET /api/mounts HTTP/1.1\r\nHost: " + hostAndUrl.get(0)
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.setSoTimeout(10_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertEquals(hostAndUrl.get(1), JSON.readTree(body).get("mounts").get(0).get("rtspUrl").asText(), answer);
            }
        }
    }

    @Test
    void aLiveMountIsIdleUntilWatchedAndFlowsWhileASnapshotLingers() throws Exception {
        start(true);
        JsonNode card = mount("/card");
        assertEquals("live", card.get("kind").asText());
        assertEquals("testcard", card.get("type").asText());
        assertEquals("idle", card.get("live").get("state").asText());
        assertTrue(card.get("live").get("newestFrameAgeMillis").isNull());
        // A snapshot starts it; asked right after (again after a stall of the machine), it flows.
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/snapshot/card").statusCode() == 200
                && mount("/card").get("live").get("state").asText().equals("flowing"));
        assertTrue(mount("/card").get("live").get("newestFrameAgeMillis").isNumber());
        // The snapshot's hold lingers a few seconds, then the source stops again.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.server.context().feeds().open() == 0
                && mount("/card").get("live").get("state").asText().equals("idle"));
    }

    @Test
    void theIndexRouteAnswersSlashOnlyAndPrefixesStillRule() throws Exception {
        HttpRoute index = call -> { };
        HttpRoute ui = call -> { };
        HttpRoutes routes = HttpRoutes.of(List.of(new HttpRoutes.Entry(new HttpMedia.BuiltIn("/ui", ui), ui)))
                .withIndex(index);
        assertEquals(index, routes.find("/").orElseThrow());
        assertEquals(ui, routes.find("/ui/page.js").orElseThrow());
        assertTrue(routes.find("/other").isEmpty());
        assertEquals(List.of("/", "/ui"), routes.prefixes());
    }
}
