package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rill.spi.Dialect;
import dev.rill.spi.ListenerContext;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints, on a free loopback port. */
class StatsHttpTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock NOW = Clock.fixed(STARTED.plusSeconds(75), ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Strict: a duplicate name or trailing text fails the parse. */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().reader();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private StatsListener listener;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        listener = StatsListener.start(new StatsConfig(0, "127.0.0.1", 0), new ListenerContext(List::of, STARTED), NOW);
        base = URI.create("http://127.0.0.1:" + listener.httpAddress().orElseThrow().getPort());
    }

    @AfterEach
    void stop() {
        listener.close();
        client.close();
    }

    /** One UDP standard session with a report, one TCP classic one without, one closed. */
    private void someSessions() {
        FakeSession udp = FakeSession.udp("1A2B", STARTED.plusSeconds(1)).sent(100, 140_000, 10).state(SessionState.PLAYING);
        FakeSession tcp = new FakeSession("77", "/a \"quoted\" \\ mount", Dialect.CLASSIC,
                "RTP/AVP/TCP;unicast;interleaved=0-1", STARTED.plusSeconds(2)).sent(7, 7_000, 7);
        FakeSession gone = FakeSession.udp("gone", STARTED).sent(1, 100, 1);
        listener.opened(udp);
        listener.opened(tcp);
        listener.opened(gone);
        listener.closed(gone);
        listener.receptionReported(udp, new ReceptionReport(0.5, 3, Duration.ofMillis(4), Optional.of(Duration.ofMillis(20))));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void boundPortIsTheOneServing() throws Exception {
        assertTrue(listener.httpAddress().orElseThrow().getPort() > 0);
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void statsIsWellFormedJsonWithServerTotals() throws Exception {
        someSessions();
        HttpResponse<String> response = get("/stats");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode server = JSON.readTree(response.body()).get("server");
        assertEquals("2025-01-01T00:00:00Z", server.get("startedAt").textValue());
        assertEquals(75.0, server.get("uptimeSeconds").doubleValue());
        assertEquals(2.0, server.get("sessions").doubleValue());
        assertEquals(3.0, server.get("sessionsOpenedTotal").doubleValue());
        assertEquals(108.0, server.get("packetsSent").doubleValue());
        assertEquals(147_100.0, server.get("bytesSent").doubleValue());
        assertEquals(18.0, server.get("framesSent").doubleValue());
    }

    @Test
    void statsListsEachLiveSessionWithItsReception() throws Exception {
        someSessions();
        JsonNode sessions = JSON.readTree(get("/stats").body()).get("sessions");
        assertEquals(2, sessions.size());
        JsonNode udp = sessions.get(0);
        assertEquals("1A2B", udp.get("id").textValue());
        assertEquals("127.0.0.1:40000", udp.get("peer").textValue());
        assertEquals("/movie.Mjpeg", udp.get("mount").textValue());
        assertEquals("standard", udp.get("dialect").textValue());
        assertEquals("playing", udp.get("state").textValue());
        assertEquals("udp", udp.get("transportKind").textValue());
        assertEquals("2025-01-01T00:00:01Z", udp.get("openedAt").textValue());
        assertEquals(100.0, udp.get("packetsSent").doubleValue());
        JsonNode reception = udp.get("reception");
        assertEquals(0.5, reception.get("fractionLost").doubleValue());
        assertEquals(3.0, reception.get("cumulativeLost").doubleValue());
        assertEquals(4.0, reception.get("jitterMillis").doubleValue());
        assertEquals(20.0, reception.get("roundTripMillis").doubleValue());
        JsonNode tcp = sessions.get(1);
        assertEquals("/a \"quoted\" \\ mount", tcp.get("mount").textValue());
        assertEquals("tcp", tcp.get("transportKind").textValue());
        assertTrue(tcp.has("reception"));
        assertTrue(tcp.get("reception").isNull());
    }

    @Test
    void metricsParseAsPrometheusText() throws Exception {
        someSessions();
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        PrometheusParser.Exposition metrics = PrometheusParser.parse(response.body());
        metrics.types().forEach((name, type) -> {
            assertEquals(type.equals("counter"), name.endsWith("_total"), name + " is a " + type);
            assertTrue(metrics.help().containsKey(name), "HELP for " + name);
        });
        assertEquals("gauge", metrics.types().get("rill_sessions"));
        assertEquals(2, metrics.value("rill_sessions"));
        assertEquals(3, metrics.value("rill_sessions_opened_total"));
        assertEquals(108, metrics.value("rill_packets_sent_total"));
        assertEquals(147_100, metrics.value("rill_bytes_sent_total"));
        assertEquals(18, metrics.value("rill_frames_sent_total"));
        assertEquals(75, metrics.value("rill_uptime_seconds"));
    }

    @Test
    void metricsLabelEachSession() throws Exception {
        someSessions();
        PrometheusParser.Exposition metrics = PrometheusParser.parse(get("/metrics").body());
        List<PrometheusParser.Sample> packets = metrics.samples("rill_session_packets_sent_total");
        assertEquals(2, packets.size());
        assertEquals(Map.of("session", "1A2B", "mount", "/movie.Mjpeg", "dialect", "standard", "transport_kind", "udp"),
                packets.get(0).labels());
        assertEquals(100, packets.get(0).value());
        assertEquals(Map.of("session", "77", "mount", "/a \"quoted\" \\ mount", "dialect", "classic",
                "transport_kind", "tcp"), packets.get(1).labels());
        assertEquals(0.004, metrics.value("rill_session_jitter_seconds"), 1e-12);
        assertEquals(0.5, metrics.value("rill_session_fraction_lost"));
        assertEquals(0.02, metrics.value("rill_session_round_trip_seconds"), 1e-12);
    }

    @Test
    void metricsWithoutSessionsStillParse() throws Exception {
        PrometheusParser.Exposition metrics = PrometheusParser.parse(get("/metrics").body());
        assertEquals(0, metrics.value("rill_sessions"));
        assertTrue(metrics.samples("rill_session_packets_sent_total").isEmpty());
    }

    @Test
    void healthIsUpWhileRunning() throws Exception {
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("UP", JSON.readTree(response.body()).get("status").textValue());
    }

    @Test
    void healthIsDownOnceStopping() throws Exception {
        listener.beginStopping();
        HttpResponse<String> response = get("/health");
        assertEquals(503, response.statusCode());
        assertEquals("DOWN", JSON.readTree(response.body()).get("status").textValue());
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/stats/extra").statusCode());
        assertEquals(404, get("/statsx").statusCode());
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/stats")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void headGetsTheHeadersOfGetAndNoBody() throws Exception {
        HttpResponse<String> get = get("/stats");
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/stats")).timeout(TIMEOUT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        assertEquals(String.valueOf(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void queryStringsAreIgnored() throws Exception {
        assertEquals(200, get("/metrics?x=1").statusCode());
    }
}
