package dev.rill.plugin.httpmjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The multipart reader on literal bytes. */
class MultipartReaderTest {

    private static final byte[] A = TestJpegs.jpeg(1, 200);
    private static final byte[] B = TestJpegs.jpeg(2, 300);

    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] b ? b : piece.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static MultipartReader reader(byte[] stream, int max) {
        return new MultipartReader(new ByteArrayInputStream(stream), "frame", max);
    }

    private static byte[] body(MultipartReader reader) throws IOException {
        return assertInstanceOf(MultipartReader.Part.Body.class, reader.next()).bytes();
    }

    @Test
    void readsPartsWithLengthsAndCrlf() throws IOException {
        MultipartReader reader = reader(bytes("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + A.length
                + "\r\n\r\n", A, "\r\n--frame\r\nContent-Length: " + B.length + "\r\n\r\n", B, "\r\n--frame--\r\n"), 1 << 20);
        assertArrayEquals(A, body(reader));
        assertArrayEquals(B, body(reader));
        assertThrows(EOFException.class, reader::next, "the closing delimiter ends the stream");
    }

    @Test
    void readsPartsWithoutLengthsWithLfAndNoDashes() throws IOException {
        MultipartReader reader = reader(bytes("frame\nContent-Type: image/jpeg\n\n", A, "\nframe\n\n", B, "\nframe\n"), 1 << 20);
        assertArrayEquals(A, body(reader));
        assertArrayEquals(B, body(reader));
        assertThrows(EOFException.class, reader::next);
    }

    @Test
    void skipsAPreambleAndTakesADelimiterRightAfterALengthWithoutLineEnd() throws IOException {
        MultipartReader reader = reader(bytes("\r\nsome preamble\r\n--frame\r\nContent-Length: " + A.length + "\r\n\r\n", A,
                "--frame\r\n\r\n", B, "\r\n--frame\r\n"), 1 << 20);
        assertArrayEquals(A, body(reader));
        assertArrayEquals(B, body(reader));
    }

    @Test
    void aWrongLengthGivesATruncatedPartAndTheNextOneIsFoundAgain() throws IOException {
        MultipartReader reader = reader(bytes("--frame\r\nContent-Length: 50\r\n\r\n", A, "\r\n--frame\r\n\r\n", B,
                "\r\n--frame\r\n"), 1 << 20);
        assertEquals(50, body(reader).length);
        assertArrayEquals(B, body(reader));
    }

    @Test
    void anOversizedPartIsCountedAndSkippedToTheNextDelimiter() throws IOException {
        byte[] big = TestJpegs.jpeg(3, 3000);   // over the limit, within the skip bound (4 x 1024)
        MultipartReader reader = reader(bytes("--frame\r\n\r\n", big, "\r\n--frame\r\nContent-Length: 4000\r\n\r\n", big,
                "\r\n--frame\r\n\r\n", A, "\r\n--frame\r\n"), 1024);
        assertTrue(assertInstanceOf(MultipartReader.Part.Oversized.class, reader.next()).bytes() >= 3000);
        assertInstanceOf(MultipartReader.Part.Oversized.class, reader.next(), "a length over the limit is not trusted");
        assertArrayEquals(A, body(reader));
    }

    @Test
    void aBodyOfExactlyTheLimitIsTakenWithOrWithoutLengthAndBeforeAClosingDelimiter() throws IOException {
        byte[] exact = TestJpegs.jpeg(4, 1024);
        MultipartReader reader = reader(bytes("--frame\r\n\r\n", exact, "\r\n--frame\r\nContent-Length: 1024\r\n\r\n", exact,
                "\r\n--frame\r\n\r\n", exact, "\r\n--frame--\r\n"), 1024);
        assertArrayEquals(exact, body(reader));
        assertArrayEquals(exact, body(reader));
        assertArrayEquals(exact, body(reader));
        assertThrows(EOFException.class, reader::next);
    }

    @Test
    void aStreamWithoutTheBoundaryIsGivenUpWithinTheLimit() {
        CountingStream endless = new CountingStream();
        MultipartReader reader = new MultipartReader(endless, "frame", 4096);
        IOException e = assertThrows(IOException.class, reader::next);
        assertTrue(e.getMessage().contains("no boundary"), e.getMessage());
        assertTrue(endless.served < 4096 + 2 * MultipartReader.BUFFER_BYTES, "read " + endless.served);
    }

    @Test
    void aPartWhoseDelimiterNeverComesIsGivenUpAfterTheSkipBound() {
        CountingStream endless = new CountingStream("--frame\r\n\r\n");
        MultipartReader reader = new MultipartReader(endless, "frame", 4096);
        IOException e = assertThrows(IOException.class, reader::next);
        assertTrue(e.getMessage().contains("no boundary"), e.getMessage());
        assertTrue(endless.served < 4096L * MultipartReader.SKIP_FACTOR + 2 * MultipartReader.BUFFER_BYTES,
                "read " + endless.served);
    }

    @Test
    void anOverlongHeaderLineIsRefused() {
        MultipartReader reader = reader(bytes("--frame\r\nX: ", "a".repeat(MultipartReader.MAX_HEADER_LINE + 10), "\r\n\r\n"), 1 << 20);
        assertThrows(IOException.class, reader::next);
    }

    @Test
    void theEndOfTheStreamInsideAPartIsAnEof() {
        MultipartReader reader = reader(bytes("--frame\r\n\r\n", A), 1 << 20);
        assertThrows(EOFException.class, reader::next);
    }

    /** Endless "x" bytes after an optional prefix; counts what it served. */
    private static final class CountingStream extends InputStream {
        private final byte[] prefix;
        long served;

        CountingStream(String prefix) {
            this.prefix = prefix.getBytes(StandardCharsets.ISO_8859_1);
        }

        CountingStream() {
            this("");
        }

        @Override
        public int read() {
            return served < prefix.length ? prefix[(int) served++] : (int) (0 * served++) + 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
