package dev.rill.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the parts of a {@code multipart/x-mixed-replace} body, strictly: each part must state its length. */
final class Multipart {

    /** One part: its headers (names lower-cased) and its body. */
    record Part(Map<String, String> headers, byte[] body) {
    }

    private static final int MAX_LINE = 1024;
    private final InputStream in;
    private final String boundary;

    Multipart(InputStream in, String boundary) {
        this.in = in;
        this.boundary = boundary;
    }

    /** The next part; empty at the end of the stream. */
    Optional<Part> next() throws IOException {
        String line;
        do {
            line = line();
            if (line == null) {
                return Optional.empty();
            }
        } while (line.isEmpty());
        if (!line.equals("--" + boundary)) {
            throw new IOException("expected the boundary, got: " + line);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("a part without Content-Length: " + headers);
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        if (body.length < Integer.parseInt(length)) {
            return Optional.empty();
        }
        return Optional.of(new Part(headers, body));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (b.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
