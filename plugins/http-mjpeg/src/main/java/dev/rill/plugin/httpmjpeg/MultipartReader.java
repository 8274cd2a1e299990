package dev.rill.plugin.httpmjpeg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The parts of a {@code multipart/x-mixed-replace} body (RFC 2046 §5.1.1, as cameras write it),
 * one at a time, each bounded.
 *
 * <p>What cameras send differs, so this takes: delimiter lines {@code --boundary} or just
 * {@code boundary} (whichever the first one is, the rest must be alike); lines ended by CRLF or
 * LF; part headers with or without {@code Content-Length}. With a length of at most
 * {@code maxPartBytes} the body is read by its length and returned at once (the reader skips to
 * the next delimiter on its next call); without one (or with a larger one) the body runs up to the
 * next delimiter, found by matching {@code LF delimiter} byte by byte (the CR before it, if any,
 * is not part of the body), so such a part is returned only when the next delimiter has come.
 *
 * <p>Bounds: a part past {@code maxPartBytes} is not kept: the reader counts on to the next
 * delimiter and returns {@link Part.Oversized}. Anything that cannot end within its bound throws
 * an {@link IOException}, after which the stream is unusable: no first delimiter within
 * {@code maxPartBytes}, a part with no delimiter within {@link #SKIP_FACTOR} times
 * {@code maxPartBytes}, a header line past {@link #MAX_HEADER_LINE} bytes or more than
 * {@link #MAX_HEADER_FIELDS} of them. Memory: one read buffer and at most one part.
 */
final class MultipartReader {

    /** A part header line longer than this is refused. */
    static final int MAX_HEADER_LINE = 8192;
    /** More header fields than this in one part are refused. */
    static final int MAX_HEADER_FIELDS = 64;
    /** An oversized part is skipped up to this many times the limit before the stream is given up. */
    static final int SKIP_FACTOR = 4;
    static final int BUFFER_BYTES = 64 * 1024;

    /** What {@link #next()} found. */
    sealed interface Part {
        /** A part's body, whole. */
        record Body(byte[] bytes) implements Part {
        }

        /** A part longer than the limit, skipped; {@code bytes} counted up to the delimiter. */
        record Oversized(long bytes) implements Part {
        }
    }

    private final InputStream in;
    private final String boundary;
    private final int maxPartBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    /** LF and the delimiter, once the first delimiter line has shown whether it has "--". */
    private byte[] pattern;
    /** The closing delimiter ({@code delimiter--}) ended the last part. */
    private boolean closing;
    /** The last part was read by its length: the next delimiter is still to come. */
    private boolean delimiterDue;

    /** Scan states past matching {@link #pattern}: the delimiter is confirmed (a line end or blank follows). */
    private static final int DELIMITER = -1;
    /** Scan state: the closing delimiter is confirmed. */
    private static final int CLOSING = -2;

    /**
     * @param boundary     the boundary from the response's Content-Type, without quotes
     * @param maxPartBytes the largest body kept
     */
    MultipartReader(InputStream in, String boundary, int maxPartBytes) {
        if (boundary.isEmpty() || boundary.indexOf('\n') >= 0 || boundary.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("boundary must be one non-empty line");
        }
        if (maxPartBytes < 1) {
            throw new IllegalArgumentException("maxPartBytes must be > 0: " + maxPartBytes);
        }
        this.in = in;
        this.boundary = boundary;
        this.maxPartBytes = maxPartBytes;
    }

    /**
     * The next part.
     *
     * @throws EOFException the stream ended (or its closing delimiter came)
     * @throws IOException  a bound was passed, or reading failed
     */
    Part next() throws IOException {
        if (closing) {
            throw new EOFException("the closing delimiter came");
        } else if (pattern == null) {
            findFirstDelimiter();
        } else {
            if (delimiterDue) {
                delimiterDue = false;
                skipToDelimiter();
                if (closing) {
                    throw new EOFException("the closing delimiter came");
                }
            }
            finishDelimiterLine();
        }
        long length = contentLength();
        if (length >= 0 && length <= maxPartBytes) {
            byte[] body = new byte[(int) length];
            readFully(body);
            delimiterDue = true;   // found on the next call: the part is whole now, and handed on at once
            return new Part.Body(body);
        }
        return bodyUpToDelimiter();
    }

    /** Skips a preamble up to the first delimiter line, which fixes the delimiter's form. */
    private void findFirstDelimiter() throws IOException {
        String dashed = "--" + boundary;
        long skipped = 0;
        while (true) {
            Line line = line(MAX_HEADER_LINE, maxPartBytes - skipped + 1);
            String text = line.text().strip();
            if (line.complete() && (text.equals(dashed) || text.equals(boundary))) {
                pattern = ("\n" + text).getBytes(StandardCharsets.ISO_8859_1);
                return;
            }
            skipped += line.consumed();
            if (skipped > maxPartBytes) {
                throw new IOException("no boundary \"" + boundary + "\" within the first " + maxPartBytes + " bytes");
            }
        }
    }

    /** After a delimiter: the rest of its line; {@code --} there is the closing delimiter. */
    private void finishDelimiterLine() throws IOException {
        headerLine();   // transport padding; the scan stopped before its line end
    }

    /** Reads the part's header fields; its Content-Length, or -1. */
    private long contentLength() throws IOException {
        long length = -1;
        for (int fields = 0; ; fields++) {
            String field = headerLine();
            if (field.isEmpty()) {
                return length;
            }
            if (fields >= MAX_HEADER_FIELDS) {
                throw new IOException("a part with more than " + MAX_HEADER_FIELDS + " header fields");
            }
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    length = Long.parseLong(field.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    length = -1;   // unusable: the delimiter ends the body instead
                }
            }
        }
    }

    /** After a body read by its length: skips to the next delimiter (usually just a line end). */
    private void skipToDelimiter() throws IOException {
        long skipped = 0;
        int state = 1;   // the body's end counts as a line start: some cameras write no CRLF before
        while (state >= 0) {
            state = advance(state, readByte());
            if (++skipped > maxPartBytes) {
                throw new IOException("no boundary within " + maxPartBytes + " bytes after a part");
            }
        }
        closing = state == CLOSING;
    }

    /** Reads a body up to the next delimiter, keeping at most {@code maxPartBytes} of it. */
    private Part bodyUpToDelimiter() throws IOException {
        byte[] kept = new byte[Math.min(maxPartBytes, BUFFER_BYTES)];
        int keptLength = 0;
        long total = 0;
        long giveUp = (long) maxPartBytes * SKIP_FACTOR;
        boolean oversized = false;
        int state = 1;   // a delimiter right after the headers is an empty part
        int matchStart = 0;
        while (state >= 0) {
            int c = readByte();
            state = advance(state, c);
            if (state < 0) {
                break;   // confirmed: the byte that confirmed it is not the body's
            }
            if (state == 1 && c == '\n') {
                matchStart = keptLength;   // where the body ends if this LF starts the delimiter
            }
            if (!oversized) {
                if (keptLength == kept.length) {
                    // Room for the body, a CR, the delimiter and a "-" after it: a body of exactly
                    // the limit fits.
                    long room = (long) maxPartBytes + 2 + pattern.length;
                    if (kept.length >= room) {
                        oversized = true;
                    } else {
                        kept = Arrays.copyOf(kept, (int) Math.min((long) kept.length * 2, room));
                    }
                }
                if (!oversized) {
                    kept[keptLength++] = (byte) c;
                }
            }
            if (++total > giveUp) {
                throw new IOException("no boundary within " + giveUp + " bytes of a part");
            }
        }
        closing = state == CLOSING;
        if (oversized) {
            return new Part.Oversized(total - pattern.length);
        }
        int end = matchStart;
        if (end > 0 && kept[end - 1] == '\r') {
            end--;
        }
        if (end > maxPartBytes) {
            return new Part.Oversized(end);
        }
        return new Part.Body(Arrays.copyOf(kept, end));
    }

    /**
     * One step of the scan for the next delimiter: matching {@link #pattern}, then confirming it
     * (RFC 2046 §5.1.1: a delimiter is followed by blanks and a line end, or by {@code --} when it
     * is the closing one; {@code --frame-not} in a body is body). Returns {@link #DELIMITER} (the
     * byte after the delimiter is left unread, for {@link #finishDelimiterLine}) or {@link #CLOSING}
     * once confirmed.
     */
    private int advance(int state, int c) {
        if (state < pattern.length) {
            return step(state, c);
        }
        if (state == pattern.length) {
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                position--;   // the byte just read is still in the buffer
                return DELIMITER;
            }
            return c == '-' ? pattern.length + 1 : 0;
        }
        if (c == '-') {
            return CLOSING;
        }
        return c == '\n' ? 1 : 0;
    }

    /**
     * One step of matching {@code pattern} (KMP): LF occurs only at its start, so after a mismatch
     * the match restarts at this byte if it is LF, else from nothing.
     */
    private int step(int state, int c) {
        if (c == (pattern[state] & 0xFF)) {
            return state + 1;
        }
        return c == '\n' ? 1 : 0;
    }

    /**
     * A line's text (ISO-8859-1, without CR LF or LF, cut at {@code keep} characters), the bytes it
     * took, and whether its LF came within {@code budget} bytes.
     */
    private record Line(String text, long consumed, boolean complete) {
    }

    private Line line(int keep, long budget) throws IOException {
        StringBuilder text = new StringBuilder();
        long consumed = 0;
        while (consumed < budget) {
            int c = readByte();
            consumed++;
            if (c == '\n') {
                int length = text.length();
                String line = length > 0 && text.charAt(length - 1) == '\r' ? text.substring(0, length - 1) : text.toString();
                return new Line(line, consumed, true);
            }
            if (text.length() < keep) {
                text.append((char) c);
            }
        }
        return new Line(text.toString(), consumed, false);
    }

    /** A part header line, or the rest of a delimiter line: at most {@link #MAX_HEADER_LINE} bytes. */
    private String headerLine() throws IOException {
        Line line = line(MAX_HEADER_LINE, MAX_HEADER_LINE + 2L);
        if (!line.complete()) {
            throw new IOException("a line longer than " + MAX_HEADER_LINE + " bytes in the multipart stream");
        }
        return line.text();
    }

    private int readByte() throws IOException {
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException("the upstream closed the stream");
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xFF;
    }

    private void readFully(byte[] target) throws IOException {
        int from = Math.min(limit - position, target.length);
        System.arraycopy(buffer, position, target, 0, from);
        position += from;
        if (from < target.length && in.readNBytes(target, from, target.length - from) < target.length - from) {
            throw new EOFException("the upstream closed the stream inside a part");
        }
    }
}
