package dev.rill.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one HTTP MJPEG response as a browser's {@code <img>} gets it: the response head (status
 * 200 and a {@code multipart/x-mixed-replace} Content-Type with its boundary, else an error that
 * quotes what came), then the body, de-chunked when it is sent with
 * {@code Transfer-Encoding: chunked} (RFC 9112 §7.1; what an HTTP/1.1 server does for a body of
 * unknown length), into a {@link MultipartParser}. Bytes may be split anywhere between calls.
 * Not thread-safe: one per viewer.
 */
final class HttpStreamParser {

    /** The longest response head, bytes. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** The longest chunk-size line (size and extensions), bytes. */
    static final int MAX_CHUNK_LINE = 256;
    /** RFC 9112 §7.1: a chunk size needs no more hex digits than this here (parts are bounded anyway). */
    private static final int MAX_CHUNK_DIGITS = 8;

    private enum State { HEAD, IDENTITY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, DONE }

    private final MultipartParser.Listener listener;
    private final byte[] head = new byte[MAX_HEAD_BYTES];
    private State state = State.HEAD;
    private int headLength;
    private MultipartParser multipart;
    private int status;
    private long chunkRemaining;
    private int chunkLineLength;
    private int chunkDigits;
    private boolean chunkExtension;

    HttpStreamParser(MultipartParser.Listener listener) {
        this.listener = listener;
    }

    /** True once the response head was read and accepted. */
    boolean headDone() {
        return state != State.HEAD;
    }

    /** The response's status code; 0 before its head. */
    int status() {
        return status;
    }

    /** The multipart reader, once the head was accepted. */
    Optional<MultipartParser> multipart() {
        return Optional.ofNullable(multipart);
    }

    /** Consumes every remaining byte of {@code in}. */
    void feed(ByteBuffer in) throws HttpStreamException {
        while (in.hasRemaining()) {
            switch (state) {
                case HEAD -> head(in);
                case IDENTITY -> multipart.feed(in);
                case CHUNK_SIZE -> chunkSize(in.get());
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, in.remaining());
                    int limit = in.limit();
                    in.limit(in.position() + n);
                    try {
                        multipart.feed(in);
                    } finally {
                        in.limit(limit);
                    }
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    byte b = in.get();
                    if (b == '\n') {
                        state = State.CHUNK_SIZE;
                    } else if (b != '\r') {
                        throw new HttpStreamException("chunk not followed by CRLF");
                    }
                }
                case DONE -> in.position(in.limit());
            }
        }
    }

    private void head(ByteBuffer in) throws HttpStreamException {
        while (in.hasRemaining()) {
            if (headLength == MAX_HEAD_BYTES) {
                throw new HttpStreamException("HTTP response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            head[headLength++] = in.get();
            int n = headLength;
            if (n >= 2 && head[n - 1] == '\n' && (head[n - 2] == '\n' || n >= 4 && head[n - 2] == '\r' && head[n - 3] == '\n')) {
                accept(new String(head, 0, n, StandardCharsets.ISO_8859_1));
                return;
            }
        }
    }

    private void accept(String text) throws HttpStreamException {
        String[] lines = text.split("\r?\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new HttpStreamException("not an HTTP response: " + abbreviate(lines[0]));
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new HttpStreamException("not an HTTP status: " + abbreviate(lines[0]));
        }
        if (status != 200) {
            throw new HttpStreamException("HTTP " + abbreviate(lines[0].substring(lines[0].indexOf(' ') + 1)));
        }
        String contentType = "";
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        multipart = new MultipartParser(boundary(contentType), listener);
        state = chunked ? State.CHUNK_SIZE : State.IDENTITY;
    }

    /** The boundary parameter of a {@code multipart/x-mixed-replace} Content-Type (RFC 2046 §5.1.1), unquoted. */
    static String boundary(String contentType) throws HttpStreamException {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/x-mixed-replace")) {
            throw new HttpStreamException("not an MJPEG stream: Content-Type \"" + abbreviate(contentType) + "\"");
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String b = parts[i].substring(eq + 1).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 200) {
                    return b;
                }
            }
        }
        throw new HttpStreamException("multipart Content-Type without a usable boundary: \"" + abbreviate(contentType) + "\"");
    }

    private void chunkSize(byte b) throws HttpStreamException {
        if (++chunkLineLength > MAX_CHUNK_LINE) {
            throw new HttpStreamException("chunk-size line longer than " + MAX_CHUNK_LINE + " bytes");
        }
        if (b == '\n') {
            if (chunkDigits == 0) {
                if (chunkLineLength <= 2) {
                    chunkLineLength = 0; // a stray blank line
                    return;
                }
                throw new HttpStreamException("chunk-size line without a size");
            }
            state = chunkRemaining == 0 ? State.DONE : State.CHUNK_DATA;
            chunkLineLength = 0;
            chunkDigits = 0;
            chunkExtension = false;
            return;
        }
        if (chunkExtension || b == '\r' || b == ' ' || b == '\t') {
            return;
        }
        if (b == ';') {
            chunkExtension = true;
            return;
        }
        int digit = Character.digit(b, 16);
        if (digit < 0 || ++chunkDigits > MAX_CHUNK_DIGITS) {
            throw new HttpStreamException("bad chunk size");
        }
        chunkRemaining = chunkRemaining * 16 + digit;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
