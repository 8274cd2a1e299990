package dev.rill.wire;

import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The head of the message {@link RtspDecoder} is reading: its start line and header fields as
 * they arrive, with the field limits of {@link RtspLimits} and what the decoder needs to know
 * early (Content-Length, whether a CSeq came). Reused from one message to the next.
 */
final class RtspHead {

    private final RtspLimits limits;
    private RtspSyntax.StartLine startLine;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private int headerBytes;
    /** -1 until a Content-Length field arrives. */
    private int contentLength = -1;
    private boolean hasCseq;

    RtspHead(RtspLimits limits) {
        this.limits = limits;
    }

    /** Begins a message with its start line. */
    void start(RtspSyntax.StartLine line) {
        startLine = Objects.requireNonNull(line, "line");
        names.clear();
        values.clear();
        headerBytes = 0;
        contentLength = -1;
        hasCseq = false;
    }

    /** Bytes of the header lines so far, line ends included. */
    int headerBytes() {
        return headerBytes;
    }

    /** Counts a header line of {@code bytes} bytes (line end included); 400 over the limit. */
    void countLine(int bytes) throws RtspParseException {
        headerBytes += bytes;
        if (headerBytes > limits.maxHeaderBytes()) {
            throw headersTooLong();
        }
    }

    RtspParseException headersTooLong() {
        return new RtspParseException(RtspStatus.BAD_REQUEST,
                "header fields longer than " + limits.maxHeaderBytes() + " bytes");
    }

    /** The body length the head announces, 0 without Content-Length. */
    int contentLength() {
        return Math.max(0, contentLength);
    }

    /** True for a field line or a continuation line. */
    static boolean isFieldLine(String text) {
        return RtspSyntax.isContinuation(text) || RtspSyntax.parseField(text).isPresent();
    }

    /** Adds a field line or a continuation line (already known to be one of them). */
    void addLine(String text) throws RtspParseException {
        if (RtspSyntax.isContinuation(text)) {
            if (names.isEmpty()) {
                throw new RtspParseException(RtspStatus.BAD_REQUEST, "continuation line before any header field");
            }
            String more = RtspSyntax.trim(text);
            if (!more.isEmpty()) {
                int last = values.size() - 1;
                values.set(last, values.get(last).isEmpty() ? more : values.get(last) + " " + more);
                noteField(names.get(last), values.get(last), true);
            }
            return;
        }
        RtspSyntax.Field field = RtspSyntax.parseField(text).orElseThrow();
        if (names.size() == limits.maxHeaderFields()) {
            throw new RtspParseException(RtspStatus.BAD_REQUEST,
                    "more than " + limits.maxHeaderFields() + " header fields");
        }
        names.add(field.name());
        values.add(field.value());
        noteField(field.name(), field.value(), false);
    }

    private void noteField(String name, String value, boolean folded) throws RtspParseException {
        if (name.equalsIgnoreCase(RtspHeaders.CSEQ)) {
            hasCseq = true;
        } else if (name.equalsIgnoreCase(RtspHeaders.CONTENT_LENGTH)) {
            int length = RtspSyntax.parseContentLength(value, limits.maxBody()); // 413 as soon as it is seen
            if (!folded && contentLength >= 0 && length != contentLength) {
                throw new RtspParseException(RtspStatus.BAD_REQUEST, "conflicting Content-Length fields");
            }
            contentLength = length;
        }
    }

    /**
     * True when the message may end without its blank line (the classic dialect): a request whose
     * target is not an absolute rtsp:// URL, or any response; with a CSeq and no body.
     */
    boolean mayEndHere() {
        return mayLackBlankLine() && hasCseq && contentLength <= 0;
    }

    /** True when the message may end without its blank line after {@code lastLine}, a line with no line end. */
    boolean mayEndAfter(String lastLine) {
        if (RtspSyntax.isContinuation(lastLine)) {
            return !names.isEmpty() && !names.getLast().equalsIgnoreCase(RtspHeaders.CONTENT_LENGTH) && mayEndHere();
        }
        Optional<RtspSyntax.Field> field = RtspSyntax.parseField(lastLine);
        if (field.isEmpty() || names.size() == limits.maxHeaderFields()) {
            return false;
        }
        String name = field.get().name();
        if (name.equalsIgnoreCase(RtspHeaders.CONTENT_LENGTH) && !RtspSyntax.isZeroLength(field.get().value())) {
            return false;
        }
        return mayLackBlankLine() && (hasCseq || name.equalsIgnoreCase(RtspHeaders.CSEQ)) && contentLength <= 0;
    }

    private boolean mayLackBlankLine() {
        return switch (startLine) {
            case RtspSyntax.RequestLine r -> !RtspRequest.isAbsoluteRtspUrl(r.target());
            case RtspSyntax.StatusLine s -> true;
        };
    }

    /** The message with this head and {@code body}. */
    RtspMessage toMessage(byte[] body) {
        RtspHeaders headers = RtspHeaders.ofParsed(names, values);
        return switch (startLine) {
            case RtspSyntax.RequestLine r -> new RtspRequest(r.method(), r.target(), r.version(), headers, body);
            case RtspSyntax.StatusLine s -> new RtspResponse(s.version(), s.status(), headers, body);
        };
    }
}
