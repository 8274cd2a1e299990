package dev.rill.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An RTSP response (RFC 2326 §7).
 *
 * @param version the protocol version, normally {@code RTSP/1.0}
 * @param status  the status code and reason phrase
 * @param headers the header fields
 * @param body    the entity body, empty when there is none; never modified after construction
 */
public record RtspResponse(String version, RtspStatus status, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public RtspResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** A response with this status and nothing else. */
    public static RtspResponse of(RtspStatus status) {
        return new RtspResponse(RtspRequest.VERSION_1_0, status, RtspHeaders.of(), new byte[0]);
    }

    /** An error response whose reason phrase says what was wrong, e.g. "Bad Request (no CSeq)". */
    public static RtspResponse error(RtspStatus status, String why) {
        String reason = (status.reason() + " (" + why + ")").replaceAll("[\\r\\n]+", " ");
        return of(new RtspStatus(status.code(), reason));
    }

    /** This response plus one header field. */
    public RtspResponse with(String name, String value) {
        return new RtspResponse(version, status, headers.with(name, value), body);
    }

    /** This response with {@code name} set to exactly one value. */
    public RtspResponse replace(String name, String value) {
        return new RtspResponse(version, status, headers.replace(name, value), body);
    }

    /** This response with a body and its Content-Type; Content-Length is written by {@link #encode}. */
    public RtspResponse withBody(String contentType, byte[] content) {
        return new RtspResponse(version, status, headers.replace(RtspHeaders.CONTENT_TYPE, contentType),
                content.clone());
    }

    /** The CSeq as a number, if present and numeric. */
    public OptionalInt cseq() {
        Optional<String> value = headers.first(RtspHeaders.CSEQ);
        try {
            return value.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The response as on the wire: status line, fields, blank line, body; CRLF line ends.
     * Content-Length is written from the body (and only when there is one).
     */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(128);
        sb.append(version).append(' ').append(status.code()).append(' ').append(status.reason()).append("\r\n");
        appendFields(sb, headers, body.length);
        return join(sb, body);
    }

    static void appendFields(StringBuilder sb, RtspHeaders headers, int bodyLength) {
        for (Map.Entry<String, String> field : headers.fields()) {
            if (!field.getKey().equalsIgnoreCase(RtspHeaders.CONTENT_LENGTH)) {
                sb.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
            }
        }
        if (bodyLength > 0) {
            sb.append(RtspHeaders.CONTENT_LENGTH).append(": ").append(bodyLength).append("\r\n");
        }
        sb.append("\r\n");
    }

    static byte[] join(StringBuilder head, byte[] body) {
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    @Override
    public String toString() {
        return version + " " + status + " " + headers + (body.length > 0 ? " +" + body.length + " bytes" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspResponse r && version.equals(r.version) && status.equals(r.status)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, status, headers, Arrays.hashCode(body));
    }
}
