package dev.rill.plugin.stats;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics over HTTP/1.1 on a listener of their own, with the JDK's {@link HttpServer}: the
 * deprecated {@code httpHost}/{@code httpPort} form, kept for one release (the server's shared
 * listener serves the same answers through {@link StatsRoutes}):
 * <ul>
 *   <li>{@code GET /stats}: the {@link StatsJson} document, {@code application/json};</li>
 *   <li>{@code GET /metrics}: {@link StatsMetrics}, Prometheus text format 0.0.4;</li>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP",...}} while running, 503
 *       {@code {"status":"DOWN",...}} once the listener is stopping;</li>
 *   <li>{@code HEAD} of each: the same status and headers, no body;</li>
 *   <li>any other path: 404; any other method on these paths: 405 with {@code Allow: GET, HEAD}.</li>
 * </ul>
 * Requests run on at most {@link #MAX_CONCURRENT_EXCHANGES} virtual threads; a request beyond
 * that has its connection closed.
 */
final class StatsHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatsHttp.class);

    static final int MAX_CONCURRENT_EXCHANGES = 16;
    /** Connections waiting to be accepted. */
    private static final int BACKLOG = 32;
    /** Seconds {@link #close} lets requests in progress finish. */
    private static final int STOP_DELAY_SECONDS = 1;
    static final String JSON = "application/json; charset=utf-8";
    /** The methods the statistics paths answer. */
    static final String ALLOW = "GET, HEAD";

    private final HttpServer server;
    private final Supplier<StatsSnapshot> snapshots;
    private final BooleanSupplier stopping;

    private StatsHttp(HttpServer server, Supplier<StatsSnapshot> snapshots, BooleanSupplier stopping) {
        this.server = server;
        this.snapshots = snapshots;
        this.stopping = stopping;
    }

    /**
     * Listens on {@code host:port} (0: a free port) and serves until {@link #close}.
     *
     * @param stopping true once the listener is stopping: {@code /health} then answers 503
     * @throws IOException naming the address when it cannot be bound
     */
    static StatsHttp start(String host, int port, Supplier<StatsSnapshot> snapshots, BooleanSupplier stopping)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("stats: cannot resolve httpHost '" + host + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new IOException("stats: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        StatsHttp http = new StatsHttp(server, snapshots, stopping);
        server.setExecutor(new BoundedVirtualExecutor("rill-stats-http", MAX_CONCURRENT_EXCHANGES));
        server.createContext("/", http::handle);
        server.start();
        LOG.info("stats on {}", http.url("/stats"));
        return http;
    }

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port} + {@code path}, an IPv6 host in brackets. */
    String url(String path) {
        String host = address().getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        } catch (RuntimeException e) {
            LOG.warn("stats: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        Answer answer = answer(exchange.getRequestURI().getPath(), exchange.getRequestMethod(), snapshots, stopping);
        if (answer.status() == 405) {
            exchange.getResponseHeaders().set("Allow", ALLOW);
        }
        send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    /** What one of the statistics paths answers: status, content type and body. */
    record Answer(int status, String contentType, String body) {
    }

    /**
     * The answer to {@code method path}, shared by this listener and the routes on the server's
     * HTTP listener ({@link StatsRoutes}): 404 for another path, 405 for another method than GET or
     * HEAD (which gets GET's answer; the caller leaves the body out).
     */
    static Answer answer(String path, String method, Supplier<StatsSnapshot> snapshots, BooleanSupplier stopping) {
        if (!path.equals("/stats") && !path.equals("/metrics") && !path.equals("/health")) {
            return new Answer(404, JSON, StatsJson.error("not found"));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Answer(405, JSON, StatsJson.error("method not allowed"));
        }
        try {
            StatsSnapshot snapshot = snapshots.get();
            return switch (path) {
                case "/stats" -> new Answer(200, JSON, StatsJson.render(snapshot));
                case "/metrics" -> new Answer(200, PrometheusText.CONTENT_TYPE, StatsMetrics.render(snapshot));
                default -> {
                    boolean up = !stopping.getAsBoolean();
                    yield new Answer(up ? 200 : 503, JSON, StatsJson.health(up, snapshot));
                }
            };
        } catch (RuntimeException e) {
            LOG.warn("stats: cannot answer {}", path, e);
            return new Answer(500, JSON, StatsJson.error("internal error"));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The JDK's server sets no length for HEAD; the one GET would get is set here.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
