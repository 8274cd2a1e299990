package dev.rill.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An RTSP request (RFC 2326 §6).
 *
 * @param method  the method
 * @param target  the Request-URI as sent: an absolute {@code rtsp://} URL, {@code *}, or (from
 *                the course's clients) a bare file name
 * @param version the protocol version, normally {@code RTSP/1.0}
 * @param headers the header fields
 * @param body    the entity body, empty when there is none; never modified after construction
 */
public record RtspRequest(RtspMethod method, String target, String version, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public static final String VERSION_1_0 = "RTSP/1.0";

    public RtspRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (target.isEmpty() || target.chars().anyMatch(c -> c <= 32 || c == 127)) {
            throw new IllegalArgumentException("request target must be non-empty with no spaces: '" + target + "'");
        }
    }

    /** A request with no body. */
    public RtspRequest(RtspMethod method, String target, RtspHeaders headers) {
        this(method, target, VERSION_1_0, headers, new byte[0]);
    }

    /** The CSeq as a number, if present and numeric. */
    public OptionalInt cseq() {
        Optional<String> value = headers.first(RtspHeaders.CSEQ);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The session id of the Session header, without its parameters ({@code ;timeout=}). */
    public Optional<String> sessionId() {
        return headers.first(RtspHeaders.SESSION).map(v -> {
            int semi = v.indexOf(';');
            return (semi < 0 ? v : v.substring(0, semi)).trim();
        }).filter(v -> !v.isEmpty());
    }

    /** True when the target is an absolute {@code rtsp://} (or {@code rtsps://}) URL. */
    public boolean hasAbsoluteTarget() {
        return isAbsoluteRtspUrl(target);
    }

    /** True for an absolute {@code rtsp://}, {@code rtspu://} or {@code rtsps://} URL, in any case. */
    public static boolean isAbsoluteRtspUrl(String target) {
        String lower = target.length() > 8 ? target.substring(0, 8).toLowerCase(java.util.Locale.ROOT) : target.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("rtsp://") || lower.startsWith("rtspu://") || lower.startsWith("rtsps://");
    }

    /** The request as on the wire: request line, fields, blank line, body; CRLF line ends. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(128);
        sb.append(method.name()).append(' ').append(target).append(' ').append(version).append("\r\n");
        RtspResponse.appendFields(sb, headers, body.length);
        return RtspResponse.join(sb, body);
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " " + headers
                + (body.length > 0 ? " +" + body.length + " bytes" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspRequest r && method.equals(r.method) && target.equals(r.target)
                && version.equals(r.version) && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, version, headers, java.util.Arrays.hashCode(body));
    }

}
