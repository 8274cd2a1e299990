package dev.rill.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rill.spi.HttpRoute;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one HTTP listener ({@code "http"} in the config), the JDK's {@link HttpServer}: each
 * request runs on a virtual thread of its own, at most {@link #MAX_EXCHANGES} at once (a stream
 * holds its thread as long as its viewer watches; one more request has its connection closed), and
 * goes to the {@link HttpRoutes} route of its path. Requests with a body get 413: no route reads
 * one, so none is ever buffered.
 */
final class HttpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    /** Requests in progress at once, streams included. */
    static final int MAX_EXCHANGES = 1024;
    /** Connections waiting to be accepted. */
    private static final int BACKLOG = 128;
    /** Seconds {@link #close} lets answers in progress finish (streams end at once: their feeds are closed first). */
    private static final int STOP_DELAY_SECONDS = 1;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final HttpRoutes routes;
    private final Access access;

    private HttpListener(HttpServer server, HttpRoutes routes, Access access) {
        this.server = server;
        this.routes = routes;
        this.access = access;
    }

    /**
     * Binds {@code host:port} (0: a free port); {@link #start} serves.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    static HttpListener open(String host, int port, Access access, HttpRoutes routes) throws IOException {
        return open(host, port, access, routes, Optional.empty());
    }

    /** As {@link #open(String, int, Access, HttpRoutes)}, HTTPS with {@code tls} when given. */
    static HttpListener open(String host, int port, Access access, HttpRoutes routes, Optional<SSLContext> tls)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("http: cannot resolve host '" + host + "'");
        }
        HttpServer server;
        try {
            if (tls.isPresent()) {
                HttpsServer https = HttpsServer.create(address, BACKLOG);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
                server = https;
            } else {
                server = HttpServer.create(address, BACKLOG);
            }
        } catch (IOException e) {
            throw new IOException("http: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        HttpListener listener = new HttpListener(server, routes, access);
        server.setExecutor(new BoundedExecutor("rill-http", MAX_EXCHANGES));
        server.createContext("/", listener::handle);
        return listener;
    }

    void start() {
        server.start();
        LOG.info("HTTP on {}://{}:{}/ routes {}", server instanceof HttpsServer ? "https" : "http", displayHost(), port(),
                routes.prefixes());
    }

    private String displayHost() {
        String host = server.getAddress().getAddress().getHostAddress();
        if (server.getAddress().getAddress().isAnyLocalAddress()) {
            return "localhost";
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The port bound (the real one when 0 was asked for). */
    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        JdkHttpCall call = new JdkHttpCall(exchange);
        try (exchange) {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.equals("0"))) {
                exchange.getResponseHeaders().set("Connection", "close");
                call.respond(413, TEXT, "request bodies are not accepted\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<HttpRoute> route = routes.find(call.path());
            if (route.isEmpty()) {
                call.respond(404, TEXT, ("nothing is served at " + call.path() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!authorized(exchange, call)) {
                return;
            }
            route.get().handle(call);
            if (!call.answered()) {
                LOG.warn("http: the route for {} gave no answer", call.path());
                call.respond(500, TEXT, "no answer\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.debug("http: {} {} from {}: {}", exchange.getRequestMethod(), call.path(), exchange.getRemoteAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("http: {} {} failed", exchange.getRequestMethod(), call.path(), e);
            if (!call.answered()) {
                try {
                    call.respond(500, TEXT, "internal error\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException again) {
                    LOG.debug("http: cannot answer 500: {}", again.toString());
                }
            }
        }
    }

    /**
     * With {@code "auth"} in the config, checks the request's user before its route runs:
     * {@code /stream} and {@code /snapshot} need {@code read} of the mount, {@code /metrics}
     * {@code metrics}; the page ({@code /}, {@code /ui}) and {@code /health} are open; every other
     * route ({@code /stats}, {@code /api}, plugins' routes) needs {@code api}. Without it, routes
     * decide as before ({@link JdkHttpCall#privileged}: this machine only). False once answered.
     */
    private boolean authorized(HttpExchange exchange, JdkHttpCall call) throws IOException {
        if (!access.configured()) {
            return true;
        }
        String path = call.path();
        Permission.Action action;
        String mount = null;
        if (under(path, HttpMedia.STREAM) || under(path, HttpMedia.SNAPSHOT)) {
            action = Permission.Action.READ;
            String rest = path.substring(path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
            mount = rest.length() > 1 ? RequestTarget.parse("rtsp://http" + rest).map(RequestTarget::mountPath).orElse(null) : null;
        } else if (under(path, "/metrics")) {
            action = Permission.Action.METRICS;
        } else if (path.equals("/") || under(path, WebPage.UI) || under(path, "/health")) {
            return true;
        } else {
            action = Permission.Action.API;
        }
        String target = path + (call.query().isEmpty() ? "" : "?" + call.query());
        Access.Identity identity = access.identify(new Access.Request(call.method(), target,
                call.header("Authorization"), call.peer().getAddress()));
        Optional<Access.Refusal> refusal = identity.refusal().isPresent() ? identity.refusal()
                : access.check(identity, action, mount, call.peer().getAddress());
        if (refusal.isEmpty()) {
            call.privileged(action == Permission.Action.API || action == Permission.Action.METRICS);
            return true;
        }
        Access.Refusal r = refusal.get();
        r.challenges().forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
        if (r.retryAfterSeconds() > 0) {
            call.setHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
        }
        call.setHeader("Cache-Control", "no-store");
        call.respond(r.status(), TEXT, (r.reason() + "\n").getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
    }
}
