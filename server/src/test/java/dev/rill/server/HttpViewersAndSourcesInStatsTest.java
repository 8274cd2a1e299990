package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats plugin on a real server: HTTP viewers next to RTSP sessions and live sources with their
 * state in {@code /stats} and {@code /metrics}; {@code HEAD} on every HTTP route.
 */
class HttpViewersAndSourcesInStatsTest {

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
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(40, 160, 120));
        String card = "";
        if (withCard) {
            Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
            Files.createDirectories(dir.resolve("plugins"));
            Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
            card = ", {\"path\": \"/card\", \"source\": {\"type\": \"testcard\", \"width\": 160, \"height\": 112}}";
        }
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], \"mounts\": ["
                + "{\"path\": \"/clip\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"media/clip.Mjpeg\", \"loop\": true}}"
                + card + "]");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode stats() throws Exception {
        HttpResponse<String> r = send("GET", "/stats");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String metrics() throws Exception {
        return send("GET", "/metrics").body();
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels} (as written). */
    private static double sample(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + " with " + labels + " in\n" + metrics);
    }

    private static JsonNode mount(JsonNode stats, String path) {
        for (JsonNode m : stats.get("mounts")) {
            if (m.get("path").textValue().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("no mount " + path + " in " + stats);
    }

    @Test
    void anHttpViewerIsListedWhileItWatchesAndCountedInTheTotalsAfter() throws Exception {
        start(false);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url("/stream/clip"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int read = 0;
        try (InputStream body = response.body()) {
            Multipart parts = new Multipart(body, HttpMedia.BOUNDARY);
            for (; read < 5; read++) {
                parts.next().orElseThrow();
            }
            JsonNode stats = stats();
            assertEquals(1, stats.get("server").get("httpViewers").intValue());
            JsonNode viewer = stats.get("httpViewers").get(0);
            assertEquals("/clip", viewer.get("mount").textValue());
            assertTrue(viewer.get("peer").textValue().startsWith("127.0.0.1:"), viewer.toString());
            assertTrue(viewer.get("framesSent").longValue() >= read, viewer.toString());
            assertTrue(viewer.get("bytesSent").longValue() > viewer.get("framesSent").longValue() * 100, viewer.toString());
            assertEquals(0, stats.get("sessions").size(), "no RTSP session");
            String metrics = metrics();
            assertEquals(1, sample(metrics, "rill_http_viewers", "mount=\"/clip\""));
            assertTrue(sample(metrics, "rill_http_viewer_frames_sent_total", "mount=\"/clip\"") >= read, metrics);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stats().get("httpViewers").isEmpty());
        JsonNode server = stats().get("server");
        assertEquals(1, server.get("httpViewersOpenedTotal").longValue());
        assertTrue(server.get("httpFramesSent").longValue() >= read, server.toString());
        assertEquals(0, sample(metrics(), "rill_http_viewers", "mount=\"/clip\""));
    }

    @Test
    void aLiveSourceShowsItsStateAndWhatCameInAStoredOneNone() throws Exception {
        start(true);
        JsonNode idle = stats();
        assertTrue(mount(idle, "/clip").get("live").isNull());
        assertEquals("stored", mount(idle, "/clip").get("kind").textValue());
        JsonNode card = mount(idle, "/card");
        assertEquals("testcard", card.get("type").textValue());
        assertEquals("waiting", card.get("live").get("state").textValue(), "nobody watches: not rendering");
        assertEquals(1, sample(metrics(), "rill_source_state", "mount=\"/card\",type=\"testcard\",state=\"waiting\""));

        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url("/stream/card"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            Multipart parts = new Multipart(body, HttpMedia.BOUNDARY);
            for (int i = 0; i < 3; i++) {
                parts.next().orElseThrow();
            }
            JsonNode live = mount(stats(), "/card").get("live");
            assertEquals("live", live.get("state").textValue());
            assertTrue(live.get("peer").isNull(), "the card has no peer");
            assertTrue(live.get("framesIn").longValue() >= 3, live.toString());
            assertTrue(live.get("bytesIn").longValue() > 0, live.toString());
            String metrics = metrics();
            assertEquals(1, sample(metrics, "rill_source_state", "mount=\"/card\",type=\"testcard\",state=\"live\""));
            assertTrue(sample(metrics, "rill_source_frames_in_total", "mount=\"/card\"") >= 3, metrics);
            // Over a second or more of frames, the bitrate in is known.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                parts.next();
                return mount(stats(), "/card").get("live").get("bitsInPerSecond").isNumber();
            });
            JsonNode apiCard = null;
            for (JsonNode m : JSON.readTree(send("GET", "/api/mounts").body()).get("mounts")) {
                if (m.get("path").textValue().equals("/card")) {
                    apiCard = m;
                }
            }
            assertEquals("live", apiCard.get("live").get("source").get("state").textValue(), "the page sees it too");
        }
    }

    @Test
    void headGetsTheHeadersOfGetWithoutABodyOnEveryRoute() throws Exception {
        start(false);
        for (String path : new String[] {"/", "/ui/page.js", "/api/mounts", "/snapshot/clip", "/stats", "/metrics", "/health"}) {
            HttpResponse<String> get = send("GET", path);
            HttpResponse<String> head = send("HEAD", path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            if (!path.equals("/api/mounts") && !path.equals("/stats") && !path.equals("/metrics")) {
                // Those three change between two requests; the others have one length.
                assertEquals(get.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"), path);
            }
            assertTrue(head.headers().firstValue("Content-Length").isPresent(), path);
        }
        HttpResponse<String> stream = send("HEAD", "/stream/clip");
        assertEquals(200, stream.statusCode());
        assertEquals("multipart/x-mixed-replace; boundary=" + HttpMedia.BOUNDARY,
                stream.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("", stream.body());
        assertEquals(0, server.server.httpMedia().viewerReport().openedTotal(), "HEAD began no stream");
        assertEquals(0, server.server.context().feeds().open(), "and held no feed");
        assertEquals(404, send("HEAD", "/stream/nothing").statusCode());
        assertEquals(405, send("DELETE", "/stream/clip").statusCode());
        assertEquals("GET, HEAD", send("DELETE", "/stream/clip").headers().firstValue("Allow").orElseThrow());
    }
}
