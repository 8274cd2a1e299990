package dev.rill.server;

import dev.rill.spi.HttpRoute;
import dev.rill.spi.HttpRouteProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP listener's routes by prefix: a prefix answers itself and every path under it, the
 * longest one wins. Two providers of one prefix stop start-up with a message naming both.
 */
final class HttpRoutes {

    /** Longest prefix accepted; a route's paths are short. */
    static final int MAX_PREFIX = 256;

    private final Map<String, HttpRoute> byPrefix;
    /** The route of {@code /} itself (the web page), which no prefix can name; null when there is none. */
    private final HttpRoute index;

    private HttpRoutes(Map<String, HttpRoute> byPrefix, HttpRoute index) {
        this.byPrefix = Map.copyOf(byPrefix);
        this.index = index;
    }

    /** These routes, and {@code index} answering {@code /} exactly (every other path is a prefix's or 404). */
    HttpRoutes withIndex(HttpRoute index) {
        return new HttpRoutes(byPrefix, java.util.Objects.requireNonNull(index, "index"));
    }

    /** One route, made by its provider. */
    record Entry(HttpRouteProvider provider, HttpRoute route) {
    }

    /** Checks every prefix and that no two providers share one. */
    static HttpRoutes of(List<Entry> entries) throws ConfigException {
        Map<String, Entry> seen = new LinkedHashMap<>();
        for (Entry e : entries) {
            String prefix = e.provider().prefix();
            if (prefix == null || !prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")
                    || prefix.length() > MAX_PREFIX) {
                throw new ConfigException(e.provider().getClass().getName() + ": HTTP route prefix must start with '/',"
                        + " name something and not end with '/': " + prefix);
            }
            Entry before = seen.putIfAbsent(prefix, e);
            if (before != null) {
                throw new ConfigException("two plugins provide HTTP route prefix '" + prefix + "': "
                        + before.provider().getClass().getName() + " and " + e.provider().getClass().getName());
            }
        }
        Map<String, HttpRoute> routes = new LinkedHashMap<>();
        seen.forEach((prefix, e) -> routes.put(prefix, e.route()));
        return new HttpRoutes(routes, null);
    }

    /** The route of the longest prefix that {@code rawPath} is or lies under. */
    Optional<HttpRoute> find(String rawPath) {
        if (rawPath.equals("/") && index != null) {
            return Optional.of(index);
        }
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            boolean match = rawPath.equals(prefix) || rawPath.startsWith(prefix + "/");
            if (match && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(byPrefix::get);
    }

    /** The prefixes, sorted, for the log. */
    List<String> prefixes() {
        java.util.stream.Stream<String> all = byPrefix.keySet().stream();
        return (index == null ? all : java.util.stream.Stream.concat(java.util.stream.Stream.of("/"), all)).sorted().toList();
    }
}
