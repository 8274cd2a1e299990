package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.HttpCall;
import dev.rill.spi.HttpRouteContext;
import dev.rill.spi.HttpRouteProvider;
import dev.rill.spi.ListenerContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The statistics routes on the server's HTTP listener, with a fake call. */
class StatsRoutesTest {

    private static final ListenerContext SERVER = new ListenerContext(List::of, Instant.parse("2025-01-01T00:00:00Z"));

    /** A GET from {@code peer}; records the one answer. */
    static final class FakeCall implements HttpCall {
        final String path;
        final InetSocketAddress peer;
        final Map<String, String> headers = new LinkedHashMap<>();
        int status;
        String contentType;
        String body;

        FakeCall(String path, String peerAddress) {
            this.path = path;
            this.peer = new InetSocketAddress(peerAddress, 40_000);
        }

        public String method() {
            return "GET";
        }

        public String path() {
            return path;
        }

        public String query() {
            return "";
        }

        public Optional<String> parameter(String name) {
            return Optional.empty();
        }

        public Optional<String> header(String name) {
            return Optional.empty();
        }

        public InetSocketAddress peer() {
            return peer;
        }

        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        public void respond(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = new String(body, StandardCharsets.UTF_8);
        }

        public OutputStream stream(int status, String contentType) {
            throw new AssertionError("the statistics are never streamed");
        }
    }

    @Test
    void serviceLoaderFindsTheThreeRoutes() {
        List<String> prefixes = ServiceLoader.load(HttpRouteProvider.class).stream()
                .map(ServiceLoader.Provider::get).map(HttpRouteProvider::prefix).sorted().toList();
        assertEquals(List.of("/health", "/metrics", "/stats"), prefixes);
    }

    @Test
    void statsAndMetricsAnswerOnlyLoopbackPeersAndHealthAnswersEveryone() throws Exception {
        assertTrue(StatsRoutes.allowed(new FakeCall("/stats", "127.0.0.1"), false));
        assertTrue(StatsRoutes.allowed(new FakeCall("/stats", "::1"), false));
        assertFalse(StatsRoutes.allowed(new FakeCall("/stats", "192.0.2.7"), false));
        assertTrue(StatsRoutes.allowed(new FakeCall("/health", "192.0.2.7"), true));
        try (StatsListener listener = StatsListener.start(new StatsConfig(0, null, null), SERVER, Clock.systemUTC())) {
            HttpRouteContext context = new HttpRouteContext(List.of(listener), SERVER);
            FakeCall remote = new FakeCall("/stats", "192.0.2.7");
            new StatsRoutes.Stats().route(context).handle(remote);
            assertEquals(403, remote.status);
            FakeCall remoteMetrics = new FakeCall("/metrics", "192.0.2.7");
            new StatsRoutes.Metrics().route(context).handle(remoteMetrics);
            assertEquals(403, remoteMetrics.status);
            FakeCall remoteHealth = new FakeCall("/health", "192.0.2.7");
            new StatsRoutes.Health().route(context).handle(remoteHealth);
            assertEquals(200, remoteHealth.status);
            assertTrue(remoteHealth.body.contains("\"UP\""), remoteHealth.body);
            FakeCall local = new FakeCall("/metrics", "127.0.0.1");
            new StatsRoutes.Metrics().route(context).handle(local);
            assertEquals(200, local.status);
            assertEquals(PrometheusText.CONTENT_TYPE, local.contentType);
            listener.beginStopping();
            FakeCall stopping = new FakeCall("/health", "192.0.2.7");
            new StatsRoutes.Health().route(context).handle(stopping);
            assertEquals(503, stopping.status);
        }
    }

    @Test
    void healthIs503WhileTheServerTakesNoNewSessionsWithOrWithoutAStatsListener() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean accepting = new java.util.concurrent.atomic.AtomicBoolean(true);
        ListenerContext server = new ListenerContext(List::of, Instant.parse("2025-01-01T00:00:00Z"), List::of,
                () -> dev.rill.spi.HttpViewers.NONE, accepting::get);
        try (StatsListener listener = StatsListener.start(new StatsConfig(0, null, null), server, Clock.systemUTC())) {
            for (HttpRouteContext context : List.of(new HttpRouteContext(List.of(listener), server),
                    new HttpRouteContext(List.of(), server))) {
                accepting.set(true);
                FakeCall up = new FakeCall("/health", "192.0.2.7");
                new StatsRoutes.Health().route(context).handle(up);
                assertEquals(200, up.status);
                accepting.set(false); // draining
                FakeCall draining = new FakeCall("/health", "192.0.2.7");
                new StatsRoutes.Health().route(context).handle(draining);
                assertEquals(503, draining.status);
                assertTrue(draining.body.contains("\"DOWN\""), draining.body);
            }
        }
    }

    @Test
    void withoutAStatsListenerStatsIs404AndHealthIsUp() throws Exception {
        HttpRouteContext context = new HttpRouteContext(List.of(), SERVER);
        FakeCall stats = new FakeCall("/stats", "127.0.0.1");
        new StatsRoutes.Stats().route(context).handle(stats);
        assertEquals(404, stats.status);
        FakeCall health = new FakeCall("/health", "127.0.0.1");
        new StatsRoutes.Health().route(context).handle(health);
        assertEquals(200, health.status);
    }
}
