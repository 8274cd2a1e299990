package dev.rill.plugin.httpmjpeg;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 GET for a camera's stream on a plain socket, by hand: the request, then the
 * status line and header fields of the response, each with a bound, and the body as a stream
 * (de-chunked when the camera sends it chunked, as ESP32 and ffmpeg do).
 *
 * <p>A plain socket rather than {@code java.net.http.HttpClient}: the client's streaming body has
 * no read timeout (its request timeout ends with the headers), so a camera that goes silent would
 * hold the reader until TCP gives up; a socket has {@code SO_TIMEOUT} for every read, a connect
 * timeout, and {@link Socket#close()} to end a read from another thread at once.
 */
final class UpstreamRequest {

    /** A status line or header field longer than this is refused. */
    static final int MAX_HEADER_LINE = 8192;
    /** More header fields than this are refused. */
    static final int MAX_HEADER_FIELDS = 100;
    /** Read buffer on the socket. */
    static final int BUFFER_BYTES = 64 * 1024;

    /** What a successful GET gives: the body, and the boundary its parts are separated by. */
    record Multipart(InputStream body, String boundary) {
    }

    private UpstreamRequest() {
    }

    /**
     * Connects {@code socket} (made by the caller, so that it can close it from another thread),
     * sends the GET and reads the response head.
     *
     * @throws IOException not reachable in time, not HTTP, not 200, or not
     *                     {@code multipart/x-mixed-replace} with a boundary; the message never
     *                     contains credentials
     */
    static Multipart open(Socket socket, UpstreamUrl url, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        socket.connect(new InetSocketAddress(url.host(), url.port()), millis);
        socket.setSoTimeout(millis);
        OutputStream out = socket.getOutputStream();
        out.write(request(url).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + printable(status));
        }
        String contentType = null;
        boolean chunked = false;
        for (int fields = 0; ; fields++) {
            String field = line(in);
            if (field.isEmpty()) {
                break;
            }
            if (fields >= MAX_HEADER_FIELDS) {
                throw new IOException("more than " + MAX_HEADER_FIELDS + " header fields");
            }
            int colon = field.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        if (!parts[1].equals("200")) {
            throw new IOException("HTTP " + printable(parts[1]) + (parts.length > 2 ? " " + printable(parts[2]) : ""));
        }
        if (contentType == null) {
            throw new IOException("no Content-Type: a multipart/x-mixed-replace stream expected");
        }
        Optional<String> boundary = boundary(contentType);
        if (boundary.isEmpty()) {
            throw new IOException("Content-Type " + printable(contentType)
                    + " is not multipart/x-mixed-replace with a boundary");
        }
        return new Multipart(chunked ? new ChunkedInputStream(in) : in, boundary.get());
    }

    private static String request(UpstreamUrl url) {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(url.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.hostHeader()).append("\r\n")
                .append("User-Agent: Rill\r\n")
                .append("Accept: multipart/x-mixed-replace, */*\r\n")
                .append("Connection: close\r\n");
        url.authorization().ifPresent(value -> request.append("Authorization: ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /**
     * The boundary of a {@code multipart/x-mixed-replace} (or any {@code multipart/}) content
     * type, quoted or not (RFC 2046 §5.1.1); empty when there is none.
     */
    static Optional<String> boundary(String contentType) {
        String[] params = contentType.split(";");
        if (!params[0].strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        for (int i = 1; i < params.length; i++) {
            String param = params[i].strip();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                String value = param.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > 200 ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** One header line without CRLF or LF, at most {@link #MAX_HEADER_LINE} bytes. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the upstream closed the connection in the response head");
            }
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("response header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    /** At most 100 printable characters of what the upstream said, for a log line. */
    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
