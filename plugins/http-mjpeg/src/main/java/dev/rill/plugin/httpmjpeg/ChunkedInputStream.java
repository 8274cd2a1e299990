package dev.rill.plugin.httpmjpeg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 response sent with {@code Transfer-Encoding: chunked} (RFC 9112 §7.1),
 * decoded: chunk sizes and their extensions are read and dropped, the last chunk ends the stream
 * (trailers are never read: the connection is closed after). Holds no buffer of its own.
 */
final class ChunkedInputStream extends InputStream {

    /** A chunk-size line (hex digits, extensions) longer than this is refused. */
    static final int MAX_SIZE_LINE = 1024;

    private final InputStream in;
    /** Bytes left in the current chunk; 0 before the first and between chunks. */
    private long remaining;
    private boolean last;
    private boolean first = true;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the stream ended inside a chunk");
        }
        remaining -= n;
        return n;
    }

    /** Reads the next chunk's size line; false at the last chunk. */
    private boolean nextChunk() throws IOException {
        if (last) {
            return false;
        }
        if (!first) {
            String end = line();   // the CRLF that closes the chunk before
            if (!end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        first = false;
        String size = line();
        int semicolon = size.indexOf(';');
        String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new IOException("bad chunk size line (" + hex.length() + " hex digits)");
        }
        // chunk-size = 1*HEXDIG: Long.parseLong would also take a sign, and "-1" is no size
        if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw new IOException("bad chunk size: not hexadecimal");
        }
        remaining = Long.parseLong(hex, 16);
        if (remaining == 0) {
            last = true;
            return false;
        }
        return true;
    }

    /** One line without its CRLF (or bare LF), at most {@link #MAX_SIZE_LINE} bytes. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the stream ended in a chunk size line");
            }
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            if (line.length() >= MAX_SIZE_LINE) {
                throw new IOException("chunk size line longer than " + MAX_SIZE_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
