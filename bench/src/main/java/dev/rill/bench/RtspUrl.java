package dev.rill.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code rtsp://host[:port]/path} URL (RFC 2326 §3.2); the port defaults to 554.
 *
 * @param text the URL as given, used as the request target
 * @param host the host name or address literal
 * @param port 1..65535
 */
record RtspUrl(String text, String host, int port) {

    /** RFC 2326 §3.2: the default RTSP port. */
    static final int DEFAULT_PORT = 554;

    RtspUrl {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("RTSP port must be 1..65535: " + port);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("RTSP URL needs a host: " + text);
        }
    }

    /**
     * Parses an absolute rtsp URL.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code url}
     */
    static RtspUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("rtsp")) {
            throw new IllegalArgumentException("not an rtsp:// URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("RTSP URL needs a host: " + url);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new RtspUrl(url, host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /**
     * The URL of a media's {@code a=control} attribute (RFC 2326 §C.1.1): itself when absolute,
     * else relative to {@code base} (the Content-Base, or this URL), joined with one slash.
     */
    static String resolveControl(String base, String control) {
        if (control.equals("*")) {
            return base;
        }
        if (control.toLowerCase(Locale.ROOT).startsWith("rtsp://")) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }
}
