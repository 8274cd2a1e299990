package dev.rill.plugin.httpmjpeg;

/**
 * An HTTP MJPEG mount's {@code "source"} object, e.g.
 * {@code {"type": "http-mjpeg", "url": "http://esp32cam.lan/stream", "onDemand": true}}.
 * A missing key binds to {@code null} and takes its default here.
 *
 * @param url            the camera's stream, {@code http://[user:password@]host[:port]/path}
 *                       (required); user and password are sent as HTTP Basic auth and never logged
 * @param onDemand       {@code true}: connect only while somebody watches, and let go
 *                       {@link HttpMjpegSource#LINGER} after the last viewer leaves;
 *                       {@code false} (default): stay connected from start-up to shutdown
 * @param timeoutSeconds connect timeout and longest silence while reading, 1..300; default 10
 * @param maxFrameBytes  the largest part (one JPEG) taken, 1 KiB..256 MiB; default 8 MiB
 */
public record HttpMjpegConfig(String url, Boolean onDemand, Integer timeoutSeconds, Integer maxFrameBytes) {

    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS = 300;
    static final int DEFAULT_MAX_FRAME_BYTES = 8 << 20;
    static final int MIN_FRAME_BYTES = 1 << 10;
    static final int MAX_FRAME_BYTES = 256 << 20;

    public HttpMjpegConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required, e.g. \"http://esp32cam.lan/stream\"");
        }
        UpstreamUrl.parse(url);   // throws naming "url", never echoing a password
        onDemand = onDemand != null && onDemand;
        timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeoutSeconds must be in 1.." + MAX_TIMEOUT_SECONDS + ": " + timeoutSeconds);
        }
        maxFrameBytes = maxFrameBytes == null ? DEFAULT_MAX_FRAME_BYTES : maxFrameBytes;
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be in " + MIN_FRAME_BYTES + ".." + MAX_FRAME_BYTES
                    + ": " + maxFrameBytes);
        }
    }

    /** A config of the URL with every other key at its default. */
    public static HttpMjpegConfig of(String url) {
        return new HttpMjpegConfig(url, null, null, null);
    }

    /** The URL with its user-info and query values hidden: what logs may show. */
    String redactedUrl() {
        return UpstreamUrl.parse(url).redacted();
    }

    /** Like the record's own, with the URL redacted: a config may be logged. */
    @Override
    public String toString() {
        return "HttpMjpegConfig[url=" + redactedUrl() + ", onDemand=" + onDemand + ", timeoutSeconds=" + timeoutSeconds
                + ", maxFrameBytes=" + maxFrameBytes + "]";
    }
}
