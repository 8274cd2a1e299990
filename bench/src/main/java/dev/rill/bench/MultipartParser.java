package dev.rill.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the body of a {@code multipart/x-mixed-replace} response, the MJPEG stream browsers show
 * in an {@code <img>}: delimiter lines ({@code --boundary}; a boundary whose Content-Type value
 * already starts with {@code --} is matched as given too), part headers, a blank line, then as
 * many bytes as the part's {@code Content-Length} says (required: this reader never searches a
 * JPEG for the boundary), which are skipped in bulk, never copied. Lines end with CRLF or LF.
 * Bytes may be split anywhere between calls; nothing is allocated per part. Not thread-safe:
 * one per viewer, fed by one receiver thread.
 *
 * <p>Limits, so that a wrong stream fails at once instead of growing a buffer:
 * {@link #MAX_LINE} per line, {@link #MAX_HEADERS} header lines per part,
 * {@link #MAX_PART_BYTES} per part and {@link #MAX_SKIPPED} bytes of lines that are neither a
 * delimiter nor blank between parts.
 */
final class MultipartParser {

    /** Told of every part, once its last byte has been read. */
    interface Listener {
        /** A whole part of {@code bytes} bytes (the JPEG). */
        void part(int bytes);
    }

    /** The longest delimiter or header line, bytes. */
    static final int MAX_LINE = 1024;
    /** The most header lines of one part. */
    static final int MAX_HEADERS = 32;
    /** The largest part accepted, bytes. */
    static final int MAX_PART_BYTES = 64 << 20;
    /** The most bytes of stray lines between parts before the stream is judged broken. */
    static final int MAX_SKIPPED = 64 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private enum State { BETWEEN, HEADERS, BODY, ENDED }

    private final byte[] delimiter;
    private final byte[] bareBoundary;
    private final Listener listener;
    private final byte[] line = new byte[MAX_LINE];
    private State state = State.BETWEEN;
    private int lineLength;
    private int headers;
    private long contentLength;
    private long remaining;
    private long skipped;
    private long parts;

    /**
     * @param boundary the {@code boundary} parameter of the response's Content-Type, unquoted
     */
    MultipartParser(String boundary, Listener listener) {
        if (boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("multipart boundary must be 1..200 characters: \"" + boundary + "\"");
        }
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.bareBoundary = boundary.startsWith("--") ? boundary.getBytes(StandardCharsets.ISO_8859_1) : delimiter;
        this.listener = listener;
    }

    /** Parts read whole so far. */
    long parts() {
        return parts;
    }

    /** True after the closing delimiter ({@code --boundary--}). */
    boolean ended() {
        return state == State.ENDED;
    }

    /** Consumes every remaining byte of {@code in}. */
    void feed(ByteBuffer in) throws HttpStreamException {
        while (in.hasRemaining()) {
            if (state == State.BODY) {
                int n = (int) Math.min(remaining, in.remaining());
                in.position(in.position() + n);
                remaining -= n;
                if (remaining == 0) {
                    parts++;
                    state = State.BETWEEN;
                    skipped = 0;
                    listener.part((int) contentLength);
                }
            } else if (state == State.ENDED) {
                in.position(in.limit()); // the epilogue (RFC 2046 §5.1.1) is ignored
            } else {
                byte b = in.get();
                if (b == '\n') {
                    int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                    lineLength = 0;
                    line(n);
                } else if (lineLength == MAX_LINE) {
                    throw new HttpStreamException("multipart line longer than " + MAX_LINE + " bytes"
                            + (state == State.BETWEEN ? " where a boundary was expected" : " in a part's headers"));
                } else {
                    line[lineLength++] = b;
                }
            }
        }
    }

    private void line(int length) throws HttpStreamException {
        if (state == State.BETWEEN) {
            if (startsWith(length, delimiter) || startsWith(length, bareBoundary)) {
                byte[] matched = startsWith(length, delimiter) ? delimiter : bareBoundary;
                int rest = length - matched.length;
                if (rest >= 2 && line[matched.length] == '-' && line[matched.length + 1] == '-') {
                    state = State.ENDED;
                } else if (restIsBlank(matched.length, length)) {
                    state = State.HEADERS;
                    headers = 0;
                    contentLength = -1;
                } else {
                    skip(length);
                }
            } else {
                skip(length);
            }
            return;
        }
        // HEADERS
        if (length == 0) {
            if (contentLength < 0) {
                throw new HttpStreamException("multipart part without Content-Length (part " + (parts + 1) + ")");
            }
            if (contentLength == 0) {
                parts++;
                state = State.BETWEEN;
                listener.part(0);
            } else {
                remaining = contentLength;
                state = State.BODY;
            }
            return;
        }
        if (++headers > MAX_HEADERS) {
            throw new HttpStreamException("more than " + MAX_HEADERS + " header lines in part " + (parts + 1));
        }
        if (startsWithIgnoreCase(length, CONTENT_LENGTH)) {
            contentLength = number(CONTENT_LENGTH.length, length);
        }
    }

    /** A line between parts that is no delimiter: blank ones are the CRLF after a part; others are counted. */
    private void skip(int length) throws HttpStreamException {
        skipped += length + 1;
        if (skipped > MAX_SKIPPED) {
            throw new HttpStreamException("no multipart boundary \"" + new String(delimiter, StandardCharsets.ISO_8859_1)
                    + "\" in " + MAX_SKIPPED + " bytes");
        }
    }

    /** The decimal number in {@code line[from, to)}, blanks allowed around it. */
    private long number(int from, int to) throws HttpStreamException {
        long v = 0;
        int digits = 0;
        boolean after = false;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b >= '0' && b <= '9' && !after) {
                v = v * 10 + (b - '0');
                if (v > MAX_PART_BYTES) {
                    throw new HttpStreamException("multipart part larger than " + MAX_PART_BYTES + " bytes");
                }
                digits++;
            } else if (b == ' ' || b == '\t') {
                after = digits > 0;
            } else {
                throw new HttpStreamException("bad Content-Length in part " + (parts + 1) + ": "
                        + new String(line, 0, to, StandardCharsets.ISO_8859_1));
            }
        }
        if (digits == 0) {
            throw new HttpStreamException("empty Content-Length in part " + (parts + 1));
        }
        return v;
    }

    private boolean restIsBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(int length, byte[] lowerPrefix) {
        if (length < lowerPrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }
}
