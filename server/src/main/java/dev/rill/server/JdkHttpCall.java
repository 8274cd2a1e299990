package dev.rill.server;

import com.sun.net.httpserver.HttpExchange;
import dev.rill.spi.HttpCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An {@link HttpCall} over the JDK's {@link HttpExchange}, so that routes never see com.sun types. */
final class JdkHttpCall implements HttpCall {

    /** Query strings longer than this are not searched for parameters. */
    static final int MAX_QUERY = 2048;

    private final HttpExchange exchange;
    private boolean answered;
    /** Null: the listener has no auth config, and the route decides by the peer's address. */
    private Boolean privileged;

    JdkHttpCall(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public String path() {
        String raw = exchange.getRequestURI().getRawPath();
        return raw == null ? "/" : raw;
    }

    @Override
    public String query() {
        String q = exchange.getRequestURI().getRawQuery();
        return q == null ? "" : q;
    }

    @Override
    public Optional<String> parameter(String name) {
        String q = query();
        if (q.length() > MAX_QUERY) {
            return Optional.empty();
        }
        for (String pair : q.split("&", 64)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed escape names no parameter
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    @Override
    public InetSocketAddress peer() {
        return exchange.getRemoteAddress();
    }

    /** {@inheritDoc} With auth configured: whether the listener granted {@code api} or {@code metrics}. */
    @Override
    public boolean privileged() {
        return privileged != null ? privileged : fromLoopback();
    }

    void privileged(boolean granted) {
        this.privileged = granted;
    }

    @Override
    public void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /**
     * {@inheritDoc} To {@code HEAD}: the same status and headers, {@code Content-Length} included, and no
     * body (the JDK's server sets no length for HEAD itself).
     */
    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        begin();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = method().equals("HEAD");
        if (head && body.length > 0) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * {@inheritDoc} To {@code HEAD}: the headers only; the stream takes no byte (a write throws), so a
     * route that streams anyway ends at its first write.
     */
    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        begin();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, method().equals("HEAD") ? -1 : 0);
        return exchange.getResponseBody();
    }

    private void begin() {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
    }

    boolean answered() {
        return answered;
    }
}
