package dev.rill.plugin.httpmjpeg;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A camera's stream URL taken apart for a request by hand: where to connect, what to ask for,
 * the Basic credentials from the user-info (RFC 7617), and the form that logs may show.
 *
 * @param host          the host to connect to and name in {@code Host:} (IPv6 in brackets)
 * @param port          the TCP port, 80 unless the URL gives one
 * @param target        the request target: path and query, {@code /} when empty
 * @param authorization the {@code Authorization} header's value when the URL has user-info
 * @param redacted      the URL with user-info replaced by {@code ***} and query values hidden
 */
record UpstreamUrl(String host, int port, String target, Optional<String> authorization, String redacted) {

    /** Request targets past this are refused (a URL is config, not data). */
    static final int MAX_URL_LENGTH = 2048;

    @Override
    public String toString() {
        return redacted;
    }

    /** The {@code Host:} header's value: the port only when it is not 80. */
    String hostHeader() {
        return port == 80 ? host : host + ":" + port;
    }

    /**
     * @throws IllegalArgumentException naming {@code url}: not {@code http://host...}; the message
     *                                  never contains the URL's user-info
     */
    static UpstreamUrl parse(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("url must start with http:// (HTTPS is not supported): "
                    + (scheme.isEmpty() ? "no scheme" : scheme + "://"));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url has no host: http://host[:port]/path expected");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        Optional<String> authorization = Optional.ofNullable(uri.getUserInfo()).map(info -> "Basic "
                + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        StringBuilder redacted = new StringBuilder("http://");
        if (uri.getRawUserInfo() != null) {
            redacted.append("***@");
        }
        redacted.append(uri.getHost());
        if (uri.getPort() != -1) {
            redacted.append(':').append(port);
        }
        redacted.append(path);
        if (uri.getRawQuery() != null) {
            redacted.append('?').append(hideValues(uri.getRawQuery()));
        }
        return new UpstreamUrl(uri.getHost(), port, target, authorization, redacted.toString());
    }

    /** {@code a=1&b=2} → {@code a=***&b=***}: a token in a query is as secret as a password. */
    private static String hideValues(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            out.append(eq < 0 ? pair : pair.substring(0, eq + 1) + "***");
        }
        return out.toString();
    }
}
