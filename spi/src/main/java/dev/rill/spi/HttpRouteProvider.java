package dev.rill.spi;

/**
 * Routes under one path prefix of the server's one HTTP listener ({@code "http"} in the config).
 * Found with {@link java.util.ServiceLoader}; the server's own routes ({@code /stream},
 * {@code /snapshot}) are held to the same rules. Two providers of one prefix stop start-up with a
 * message naming both.
 */
public interface HttpRouteProvider {

    /**
     * The path this provider answers, starting with {@code /} and not ending with one, e.g.
     * {@code /stats}: it gets that path and every path under it ({@code /stats/...}). The longest
     * matching prefix wins.
     */
    String prefix();

    /**
     * Makes the route, once, after the session listeners have started and before the listener
     * accepts its first request.
     *
     * @throws Exception when it cannot (start-up stops with the message)
     */
    HttpRoute route(HttpRouteContext context) throws Exception;
}
