package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpStreamParserTest {

    private static final String RILL_HEAD = "HTTP/1.1 200 OK\r\nDate: Wed, 02 Dec 2026 06:00:00 GMT\r\n"
            + "Content-type: multipart/x-mixed-replace; boundary=rill-frame\r\n";

    /** Rill's part, as HttpMedia writes it. */
    private static String part(String boundary, String body) {
        return "--" + boundary + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + body.length() + "\r\n\r\n" + body + "\r\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code in} in pieces of {@code step} bytes; returns the part sizes reported. */
    private static List<Integer> feed(HttpStreamParser parser, List<Integer> parts, byte[] in, int step) throws Exception {
        for (int i = 0; i < in.length; i += step) {
            parser.feed(ByteBuffer.wrap(in, i, Math.min(step, in.length - i)));
        }
        return parts;
    }

    private static List<Integer> parse(byte[] in, int step) throws Exception {
        List<Integer> parts = new ArrayList<>();
        HttpStreamParser parser = new HttpStreamParser(parts::add);
        return feed(parser, parts, in, step);
    }

    @Test
    void rillsStreamGivesEveryPartInAnySplit() throws Exception {
        byte[] stream = bytes(RILL_HEAD + "\r\n" + part("rill-frame", "\u00ff\u00d8JPEG\u00ff\u00d9")
                + part("rill-frame", "--rill-frame\r\n") + part("rill-frame", "x"));
        for (int step : new int[] {1, 2, 3, 7, 64, stream.length}) {
            assertEquals(List.of(8, 14, 1), parse(stream, step), "split every " + step);
        }
    }

    @Test
    void aChunkedBodyIsDechunkedAcrossParts() throws Exception {
        String body = part("b", "hello") + part("b", "0123456789abcdef") + part("b", "z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("HTTP/1.1 200 OK\r\nTransfer-encoding: chunked\r\n"
                + "Content-Type: multipart/x-mixed-replace;boundary=\"b\"\r\n\r\n"));
        int[] cuts = {5, 1, 30, 17};
        int at = 0;
        for (int i = 0; at < body.length(); i++) {
            int n = Math.min(cuts[i % cuts.length], body.length() - at);
            out.writeBytes(bytes(Integer.toHexString(n) + (i == 1 ? ";ext=1" : "") + "\r\n" + body.substring(at, at + n) + "\r\n"));
            at += n;
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        for (int step : new int[] {1, 5, 1000}) {
            assertEquals(List.of(5, 16, 1), parse(out.toByteArray(), step), "split every " + step);
        }
    }

    @Test
    void aBoundaryWithDashesLfLineEndsAndAClosingDelimiterAreRead() throws Exception {
        List<Integer> parts = new ArrayList<>();
        HttpStreamParser parser = new HttpStreamParser(parts::add);
        feed(parser, parts, bytes("HTTP/1.0 200 OK\nContent-Type: multipart/x-mixed-replace; boundary=--cam\n\n"
                + "preamble\n--cam\ncontent-length:3\n\nabc\n\n--cam\nContent-Length: 2 \n\nde\n--cam--\ntrailing"), 4);
        assertEquals(List.of(3, 2), parts);
        assertTrue(parser.multipart().orElseThrow().ended());
    }

    @Test
    void whatIsNoMjpegStreamIsNamed() {
        HttpStreamException notFound = assertThrows(HttpStreamException.class,
                () -> parse(bytes("HTTP/1.1 404 Not Found\r\n\r\n"), 100));
        assertTrue(notFound.getMessage().contains("404 Not Found"), notFound.getMessage());
        HttpStreamException html = assertThrows(HttpStreamException.class,
                () -> parse(bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), 100));
        assertTrue(html.getMessage().contains("text/html"), html.getMessage());
        assertThrows(HttpStreamException.class,
                () -> parse(bytes("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace\r\n\r\n"), 100));
        assertThrows(HttpStreamException.class, () -> parse(bytes("RTSP/1.0 200 OK\r\n\r\n"), 100));
    }

    @Test
    void brokenPartsFailInsteadOfGrowing() {
        HttpStreamException noLength = assertThrows(HttpStreamException.class,
                () -> parse(bytes(RILL_HEAD + "\r\n--rill-frame\r\nContent-Type: image/jpeg\r\n\r\nabc"), 1));
        assertTrue(noLength.getMessage().contains("Content-Length"), noLength.getMessage());
        assertThrows(HttpStreamException.class,
                () -> parse(bytes(RILL_HEAD + "\r\n--rill-frame\r\nContent-Length: 12x\r\n\r\n"), 3));
        assertThrows(HttpStreamException.class, () -> parse(bytes(RILL_HEAD + "\r\n--rill-frame\r\nContent-Length: "
                + (MultipartParser.MAX_PART_BYTES + 1) + "\r\n\r\n"), 3));
        String noise = "no boundary here\r\n".repeat(MultipartParser.MAX_SKIPPED / 16 + 1);
        HttpStreamException lost = assertThrows(HttpStreamException.class, () -> parse(bytes(RILL_HEAD + "\r\n" + noise), 4096));
        assertTrue(lost.getMessage().contains("--rill-frame"), lost.getMessage());
        assertThrows(HttpStreamException.class,
                () -> parse(bytes(RILL_HEAD + "\r\n" + "x".repeat(MultipartParser.MAX_LINE + 1)), 4096));
        assertThrows(HttpStreamException.class,
                () -> parse(bytes("HTTP/1.1 200 OK\r\nX: " + "y".repeat(HttpStreamParser.MAX_HEAD_BYTES)), 4096));
        assertThrows(HttpStreamException.class, () -> parse(bytes(RILL_HEAD + "\r\n--rill-frame\r\n"
                + "X-Header: 1\r\n".repeat(MultipartParser.MAX_HEADERS + 1)), 4096));
    }

    @Test
    void theHeadIsDoneOnlyAtItsBlankLine() throws Exception {
        HttpStreamParser parser = new HttpStreamParser(n -> { });
        parser.feed(ByteBuffer.wrap(bytes(RILL_HEAD)));
        assertFalse(parser.headDone());
        parser.feed(ByteBuffer.wrap(bytes("\r\n")));
        assertTrue(parser.headDone());
        assertEquals(200, parser.status());
    }
}
