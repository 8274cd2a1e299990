package dev.rill.plugin.httpmjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.VideoSize;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Chunked bodies, the boundary parameter and the JPEG checks, on literal bytes. */
class WireFormatsTest {

    @Test
    void chunkedBodiesAreDecodedWithExtensionsAndEndAtTheLastChunk() throws IOException {
        byte[] wire = "5\r\nhello\r\n7;name=x\r\n, world\r\n0\r\n\r\nafter".getBytes(StandardCharsets.ISO_8859_1);
        var in = new ChunkedInputStream(new ByteArrayInputStream(wire));
        assertEquals("hello, world", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBadChunkSizeIsAnError() {
        var in = new ChunkedInputStream(new ByteArrayInputStream("zz\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(IOException.class, in::readAllBytes);
        var endless = new ChunkedInputStream(new ByteArrayInputStream("1".repeat(5000).getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(IOException.class, endless::readAllBytes);
    }

    /**
     * Bug found writing the fuzz target: Long.parseLong takes a sign, so a chunk size of "-1"
     * made the remaining count negative and the next read threw IndexOutOfBoundsException out
     * of the source's loop; "-0" ended the body.
     */
    @Test
    void aSignedChunkSizeIsAnIoError() {
        for (String size : new String[] {"-1", "+5", "-0"}) {
            var in = new ChunkedInputStream(new ByteArrayInputStream((size + "\r\nhello\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            assertThrows(IOException.class, in::readAllBytes, size);
        }
    }

    @Test
    void theBoundaryIsTakenQuotedOrNot() {
        assertEquals(Optional.of("frame"), UpstreamRequest.boundary("multipart/x-mixed-replace;boundary=frame"));
        assertEquals(Optional.of("123456789000000000000987654321"),
                UpstreamRequest.boundary("multipart/x-mixed-replace; boundary=123456789000000000000987654321"));
        assertEquals(Optional.of("--my frame"), UpstreamRequest.boundary("Multipart/X-Mixed-Replace; charset=x; BOUNDARY=\"--my frame\""));
        assertEquals(Optional.empty(), UpstreamRequest.boundary("image/jpeg"));
        assertEquals(Optional.empty(), UpstreamRequest.boundary("multipart/x-mixed-replace"));
    }

    @Test
    void aJpegIsSoiToEoiWithPaddingAfterTrimmed() {
        byte[] jpeg = TestJpegs.jpeg(0, 100);
        assertArrayEquals(jpeg, Jpeg.complete(jpeg).orElseThrow());
        byte[] padded = java.util.Arrays.copyOf(jpeg, jpeg.length + 4);
        padded[jpeg.length] = '\r';
        padded[jpeg.length + 1] = '\n';
        assertArrayEquals(jpeg, Jpeg.complete(padded).orElseThrow());
        assertFalse(Jpeg.complete("not a jpeg".getBytes(StandardCharsets.US_ASCII)).isPresent());
        assertFalse(Jpeg.complete(java.util.Arrays.copyOf(jpeg, 60)).isPresent(), "no EOI");
        assertFalse(Jpeg.complete(new byte[0]).isPresent());
    }

    @Test
    void theSizeComesFromSof() {
        assertEquals(Optional.of(new VideoSize(320, 240)), Jpeg.size(TestJpegs.jpeg(0, 100)));
        assertEquals(Optional.empty(), Jpeg.size(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}));
    }

    @Test
    void theUrlGivesTargetHostAndCredentialsAndIsRedacted() {
        UpstreamUrl url = UpstreamUrl.parse("http://admin:pa%3Ass@esp32cam.lan:8081/stream?token=abc&x");
        assertEquals("esp32cam.lan", url.host());
        assertEquals(8081, url.port());
        assertEquals("esp32cam.lan:8081", url.hostHeader());
        assertEquals("/stream?token=abc&x", url.target());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("admin:pa:ss".getBytes(StandardCharsets.UTF_8)),
                url.authorization().orElseThrow());
        assertEquals("http://***@esp32cam.lan:8081/stream?token=***&x", url.redacted());
        UpstreamUrl plain = UpstreamUrl.parse("http://esp32cam.lan");
        assertEquals("/", plain.target());
        assertEquals(80, plain.port());
        assertEquals("esp32cam.lan", plain.hostHeader());
        assertEquals(Optional.empty(), plain.authorization());
    }

    @Test
    void aUrlThatIsNotPlainHttpIsRefusedWithoutEchoingItsSecret() {
        for (String bad : new String[] {"https://u:secret@cam/stream", "rtsp://u:secret@cam/", "http://u:secret@/x", "u:secret@cam"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UpstreamUrl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("url"), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
