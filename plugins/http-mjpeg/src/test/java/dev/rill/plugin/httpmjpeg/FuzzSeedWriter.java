package dev.rill.plugin.httpmjpeg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the seed corpora of this package's fuzz targets into
 * {@code src/test/resources/dev/rill/plugin/httpmjpeg/<Target>Inputs/<method>/}: multipart streams
 * as cameras send them (with and without Content-Length, CRLF or LF, with or without the dashes,
 * lengths that lie, a preamble, padding), chunked the way an ESP32 does, and the JPEG bodies. The
 * files are committed; run this again after changing it:
 * {@code mvn -B -o test -pl plugins/http-mjpeg -am -Dtest=FuzzSeedWriter -Dsurefire.failIfNoSpecifiedTests=false -Drill.fuzz.writeSeeds=true}
 */
class FuzzSeedWriter {

    private static final Path RESOURCES = Path.of("src/test/resources/dev/rill/plugin/httpmjpeg");
    private static final byte[] A = TestJpegs.jpeg(1, 120);
    private static final byte[] B = TestJpegs.jpeg(2, 90);

    @Test
    @EnabledIfSystemProperty(named = "rill.fuzz.writeSeeds", matches = "true")
    void write() throws IOException {
        for (boolean length : new boolean[] {true, false}) {
            for (boolean dashes : new boolean[] {true, false}) {
                for (String eol : new String[] {"\r\n", "\n"}) {
                    String name = (length ? "length" : "no-length") + (dashes ? "-dashes" : "-no-dashes")
                            + (eol.length() == 2 ? "-crlf" : "-lf");
                    byte[] stream = stream(dashes, eol, length ? A.length : -1, length ? B.length : -1, true);
                    multipart(name, 0, 4096, 0, stream);
                    multipart(name + "-read-by-7", 7, 4096, 0, stream);
                    multipart(name + "-oversized", 0, 100, 0, stream);
                }
            }
        }
        multipart("length-too-short", 3, 4096, 0, stream(true, "\r\n", A.length - 20, B.length, true));
        multipart("length-too-long", 0, 4096, 0, stream(true, "\r\n", A.length + 20, B.length, true));
        multipart("length-huge", 0, 4096, 0, stream(true, "\r\n", Integer.MAX_VALUE, B.length, true));
        multipart("length-negative", 0, 4096, 0, stream(true, "\r\n", -7, B.length, true));
        multipart("no-closing-delimiter", 1, 4096, 0, stream(true, "\r\n", -1, -1, false));
        multipart("myboundary-preamble-padding", 0, 4096, 1, bytes("HTTP preamble\r\n\r\n--myboundary  \r\n"
                + "Content-Type: image/jpeg\r\nContent-Length:" + A.length + "\r\n\r\n", A, "\r\n--myboundary\t\r\n"
                + "Content-Type: image/jpeg\r\n\r\n", B, "\r\n--myboundary--\r\n"));
        multipart("dashes-in-boundary", 0, 4096, 3, bytes("----ThisRandomString\r\nContent-Type: image/jpeg\r\n\r\n", A,
                "\r\n----ThisRandomString--\r\n"));

        byte[] stream = stream(true, "\r\n", A.length, B.length, true);
        chunked("esp32", 0, 0, chunks(stream, 100, false, ""));
        chunked("esp32-read-by-3", 3, 17, chunks(stream, 100, false, ""));
        chunked("upper-hex-extensions", 0, 0, chunks(stream, 250, true, ";name=value;q=\"a b\""));
        chunked("one-byte-chunks", 5, 0, chunks(A, 1, false, ""));
        chunked("lf-only", 0, 0, bytes("5\nhello\n0\n\n"));
        chunked("missing-last-chunk", 0, 0, bytes("5\r\nhello\r\n"));
        chunked("signed-size", 0, 0, bytes("-1\r\nhello\r\n0\r\n\r\n"));   // once an IndexOutOfBoundsException

        jpeg("stand-in", A);
        jpeg("crlf-padding", bytes(A, "\r\n"));
        jpeg("zero-padding", bytes(B, new byte[70]));
        jpeg("fill-bytes", bytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xC0,
            0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0, (byte) 0xFF, (byte) 0xD9}));
    }

    /** Two parts (lengths -1: no Content-Length), then the closing delimiter if {@code close}. */
    private static byte[] stream(boolean dashes, String eol, int lengthA, int lengthB, boolean close) {
        String delimiter = (dashes ? "--" : "") + "frame";
        return bytes(delimiter + eol + "Content-Type: image/jpeg" + eol + header(lengthA, eol) + eol, A, eol,
                delimiter + eol + "Content-Type: image/jpeg" + eol + header(lengthB, eol) + eol, B, eol,
                close ? delimiter + "--" + eol : "");
    }

    private static String header(int length, String eol) {
        return length == -1 ? "" : "Content-Length: " + length + eol;
    }

    private static byte[] chunks(byte[] body, int size, boolean upper, String extension) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += size) {
            int n = Math.min(size, body.length - at);
            String hex = Integer.toHexString(n);
            out.writeBytes(((upper ? hex.toUpperCase() : hex) + extension + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] b ? b : piece.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** A {@link MultipartReaderFuzzTest} input: read size, part limit, boundary index, stream. */
    private static void multipart(String name, int chunk, int maxPartBytes, int boundary, byte[] stream)
            throws IOException {
        int limit = maxPartBytes - 1;
        write("MultipartReaderFuzzTest", "read", name,
                bytes(new byte[] {(byte) chunk, (byte) (limit >> 8), (byte) limit, (byte) boundary}, stream));
    }

    /** A {@link ChunkedInputStreamFuzzTest} input: socket read size, reader buffer size, body. */
    private static void chunked(String name, int chunk, int buffer, byte[] body) throws IOException {
        write("ChunkedInputStreamFuzzTest", "read", name, bytes(new byte[] {(byte) chunk, (byte) buffer}, body));
    }

    private static void jpeg(String name, byte[] part) throws IOException {
        write("JpegFuzzTest", "scan", name, part);
    }

    private static void write(String target, String method, String name, byte[] bytes) throws IOException {
        Path dir = RESOURCES.resolve(target + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
