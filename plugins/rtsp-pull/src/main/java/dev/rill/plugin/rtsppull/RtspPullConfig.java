package dev.rill.plugin.rtsppull;

import java.util.Locale;
import java.util.Objects;

/**
 * An {@code rtsp-pull} mount's {@code "source"} object, e.g.
 * {@code {"type": "rtsp-pull", "url": "rtsp://user:pw@camera.lan:554/stream1", "transport": "auto",
 * "onDemand": false, "timeoutSeconds": 10}}. Only {@code url} is required; a missing key binds to
 * {@code null} and takes its default here.
 *
 * @param url            the upstream's {@code rtsp://} URL; user-info, when present, is the
 *                       user name and password for Basic or Digest authentication
 * @param transport      {@code "udp"}, {@code "tcp"} (interleaved) or {@code "auto"} (UDP, then
 *                       TCP when no RTP comes within 3 s); default {@code "auto"}
 * @param onDemand       true: connected only while somebody watches (and 10 s after);
 *                       false: connected from open to close; default false
 * @param timeoutSeconds seconds without RTP after which the upstream counts as gone and is
 *                       reconnected, 1..3600; default 10
 * @param tlsVerify      for an {@code rtsps://} url: check the upstream's certificate against the
 *                       JDK's trust store and its name against the host (default true); false
 *                       takes any certificate (a self-signed one), logged as a warning
 */
public record RtspPullConfig(String url, String transport, Boolean onDemand, Integer timeoutSeconds, Boolean tlsVerify) {

    static final String UDP = "udp";
    static final String TCP = "tcp";
    static final String AUTO = "auto";
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS = 3600;

    public RtspPullConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required: the upstream's rtsp:// URL");
        }
        boolean secure = UpstreamUrl.parse(url).secure(); // throws naming the key
        transport = transport == null ? AUTO : transport.toLowerCase(Locale.ROOT);
        if (!transport.equals(UDP) && !transport.equals(TCP) && !transport.equals(AUTO)) {
            throw new IllegalArgumentException("transport must be \"udp\", \"tcp\" or \"auto\": " + transport);
        }
        if (secure && transport.equals(UDP)) {
            throw new IllegalArgumentException("transport \"udp\" with an rtsps:// url would carry the video outside"
                    + " the encryption: use \"tcp\" (or \"auto\", which is tcp for rtsps://)");
        }
        // Over TLS the media comes interleaved in the encrypted connection, never over UDP.
        transport = secure ? TCP : transport;
        tlsVerify = tlsVerify == null || tlsVerify;
        onDemand = onDemand != null && onDemand;
        timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeoutSeconds must be in 1.." + MAX_TIMEOUT_SECONDS + ": "
                    + timeoutSeconds);
        }
    }

    /** A config with the defaults for everything but the URL. */
    public static RtspPullConfig of(String url) {
        return new RtspPullConfig(Objects.requireNonNull(url, "url"), null, null, null, null);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RtspPullConfig[url=" + UpstreamUrl.parse(url).redacted() + ", transport=" + transport
                + ", onDemand=" + onDemand + ", timeoutSeconds=" + timeoutSeconds + ", tlsVerify=" + tlsVerify + "]";
    }
}
