package dev.rill.plugin.rtsppull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An upstream's URL split into what goes on the wire (no user-info: RFC 2326 request URLs never
 * carry credentials) and the credentials, which only ever reach an Authorization header.
 *
 * @param target      the URL without user-info, as requests name it
 * @param credentials the user name and password of the user-info, percent-decoded
 */
record UpstreamUrl(URI target, Optional<Credentials> credentials) {

    /** Longest URL taken, as the server's own request-line limit. */
    static final int MAX_LENGTH = 4096;

    /** A user name and password; {@link #toString} hides the password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", ***]";
        }
    }

    /** @throws IllegalArgumentException naming {@code url} (never with the password) */
    static UpstreamUrl parse(String url) {
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getReason());
        }
        if (!("rtsp".equalsIgnoreCase(uri.getScheme()) || "rtsps".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be rtsp://host[:port]/path or rtsps://...: scheme "
                    + uri.getScheme() + ", host " + uri.getHost());
        }
        Optional<Credentials> credentials = Optional.empty();
        String raw = uri.getRawUserInfo();
        if (raw != null) {
            int colon = raw.indexOf(':');
            String user = decode(colon < 0 ? raw : raw.substring(0, colon));
            String password = colon < 0 ? "" : decode(raw.substring(colon + 1));
            credentials = Optional.of(new Credentials(user, password));
        }
        try {
            URI target = new URI(uri.getScheme().toLowerCase(java.util.Locale.ROOT), null, uri.getHost(), uri.getPort(), null, null, null);
            String rest = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            rest += uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new UpstreamUrl(URI.create(target + rest), credentials);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getReason());
        }
    }

    /** True for {@code rtsps://}: RTSP over TLS. */
    boolean secure() {
        return target.getScheme().equals("rtsps");
    }

    /** The URL for logs and {@code describe()}: the password as {@code ***}. */
    String redacted() {
        return credentials.map(c -> target.toString().replaceFirst("://", "://" + c.user() + ":***@"))
                .orElse(target.toString());
    }

    private static String decode(String percentEncoded) {
        if (percentEncoded.isEmpty()) {
            return "";
        }
        try {
            return new URI("x:" + percentEncoded).getSchemeSpecificPart();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url has malformed user-info");
        }
    }
}
