package dev.rill.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code http://host[:port]/path[?query]} URL of an MJPEG stream; the port defaults to 80.
 *
 * @param text   the URL as given
 * @param host   the host name or address literal
 * @param port   1..65535
 * @param target the request target: path and query, {@code /} when empty
 */
record HttpTarget(String text, String host, int port, String target) {

    static final int DEFAULT_PORT = 80;

    HttpTarget {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("HTTP port must be 1..65535: " + port);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("HTTP URL needs a host: " + text);
        }
    }

    /**
     * Parses an absolute http URL (not https: the viewers measure the server's streaming, not TLS).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code url}
     */
    static HttpTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
            throw new IllegalArgumentException("not an http:// URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("HTTP URL needs a host: " + url);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new HttpTarget(url, host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), target);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The Host header's value (RFC 9110 §7.2). */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? h : h + ":" + port;
    }
}
