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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code publish} mount seen over HTTP and in the statistics: 404 while nobody publishes, the
 * stream and snapshots while somebody does, the stream ended when the publisher leaves, and the
 * source's state, address and counters in {@code /stats}.
 */
class PublishOverHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    static List<byte[]> frames;

    @TempDir
    Path dir;
    TestServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void makeFrames() throws Exception {
        frames = TestMedia.frames(20, 160, 120);
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], "
                + "\"mounts\": [ { \"path\": \"/live\", \"source\": { \"type\": \"publish\" } } ]");
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode live() throws Exception {
        for (JsonNode m : JSON.readTree(get("/stats").body()).get("mounts")) {
            if (m.get("path").textValue().equals("/live")) {
                return m.get("live");
            }
        }
        throw new AssertionError("no /live in /stats");
    }

    private TestPublisher recording() throws Exception {
        TestPublisher p = new TestPublisher(server.port(), "/live");
        assertEquals(200, p.announce().status().code());
        assertEquals(200, p.setupTcp().status().code());
        assertEquals(200, p.record().status().code());
        return p;
    }

    /** Publishes on a (virtual) thread of its own until stopped, a frame every 40 ms of RTP time and 20 ms of wall time. */
    private static CompletableFuture<Void> publishing(TestPublisher p, java.util.concurrent.atomic.AtomicBoolean stop) {
        return CompletableFuture.runAsync(() -> {
            long ts = 0;
            for (int i = 0; i < 3_000 && !stop.get(); i++, ts += 3600) {
                try {
                    p.send(frames.get(i % frames.size()), ts);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return; // the connection went: the test decides what that means
                }
            }
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void theHttpRoutesFollowThePublisherAndStatsShowIt() throws Exception {
        HttpResponse<String> none = get("/stream/live");
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("nobody is publishing to /live"), none.body());
        assertEquals(404, get("/snapshot/live").statusCode());
        assertEquals("waiting", live().get("state").textValue());

        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        TestPublisher p = recording();
        CompletableFuture<Void> sending = publishing(p, stop);
        try {
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/stream/live")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            AtomicInteger parts = new AtomicInteger();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> countParts(stream.body(), parts),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            await().atMost(WAIT).until(() -> parts.get() >= 3);
            await().atMost(WAIT).until(() -> get("/snapshot/live").statusCode() == 200);

            JsonNode status = live();
            assertEquals("live", status.get("state").textValue());
            assertEquals("127.0.0.1:" + p.rtsp().socket().getLocalPort(), status.get("peer").textValue());
            assertTrue(status.get("framesIn").asLong() >= 3, status.toString());
            assertTrue(status.get("bytesIn").asLong() > 0, status.toString());
            assertEquals(0, status.get("reconnects").asLong());

            stop.set(true);
            sending.get();
            assertEquals(200, p.teardown().status().code());
            await().atMost(WAIT).until(reading::isDone); // the server ends the multipart response
            assertEquals(404, get("/snapshot/live").statusCode());
            assertEquals("waiting", live().get("state").textValue());
        } finally {
            stop.set(true);
            p.close();
        }
        try (TestPublisher next = recording()) {
            assertEquals(1, live().get("reconnects").asLong(), "a second publisher counts as a reconnect");
            assertEquals("127.0.0.1:" + next.rtsp().socket().getLocalPort(), live().get("peer").textValue());
        }
    }

    /** Counts {@code Content-Type: image/jpeg} part headers until the stream ends. */
    private static void countParts(InputStream in, AtomicInteger parts) {
        byte[] marker = "Content-Type: image/jpeg".getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        try (in) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == marker[matched] ? matched + 1 : b == marker[0] ? 1 : 0;
                if (matched == marker.length) {
                    parts.incrementAndGet();
                    matched = 0;
                }
            }
        } catch (java.io.IOException e) {
            // ended
        }
    }
}
