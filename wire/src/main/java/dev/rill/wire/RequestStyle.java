package dev.rill.wire;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The form in which an {@link RtspClient} writes its requests, and with it the dialect it speaks.
 * Every request goes out in one write.
 */
public enum RequestStyle {

    /** RFC 2326 §6: CRLF after every line, a blank line at the end, a body when there is one. */
    STANDARD,

    /**
     * The course's Java client: the request line and the fields, each ended by CRLF, and no blank
     * line ({@code SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000\r\n}).
     */
    CLASSIC_CRLF,

    /**
     * The course's Python client: the request line and the fields separated by LF, and nothing
     * after the last ({@code PLAY movie.Mjpeg RTSP/1.0\nCSeq: 2\nSession: 123456}).
     */
    CLASSIC_LF;

    /** True for the course's forms: replies may lack their blank line too. */
    public boolean classic() {
        return this != STANDARD;
    }

    /** The request's bytes in this form. */
    byte[] encode(RtspMethod method, String target, RtspHeaders headers) {
        RtspRequest request = new RtspRequest(method, target, headers); // checks the target
        if (this == STANDARD) {
            return request.encode();
        }
        String lineEnd = this == CLASSIC_CRLF ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder(96).append(method.name()).append(' ').append(target)
                .append(' ').append(RtspRequest.VERSION_1_0);
        for (Map.Entry<String, String> field : headers.fields()) {
            text.append(lineEnd).append(field.getKey()).append(": ").append(field.getValue());
        }
        if (this == CLASSIC_CRLF) {
            text.append(lineEnd);
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
