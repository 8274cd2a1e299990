package dev.rill.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small accessors of requests, responses, methods and statuses. */
class RtspMessageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rtsp://127.0.0.1/m, true", "RTSP://h/m, true", "rtspu://h/m, true", "rtsps://h/m, true",
            "movie.Mjpeg, false", "*, false", "rtsp:/h/m, false", "rtsp:M/h, false", "/movie.Mjpeg, false"})
    void recognisesAbsoluteRtspUrls(String target, boolean absolute) {
        assertEquals(absolute, RtspRequest.isAbsoluteRtspUrl(target));
    }

    @Test
    void readsCseqAndSessionId() {
        RtspRequest request = new RtspRequest(RtspMethod.PLAY, "movie.Mjpeg",
                RtspHeaders.of("CSeq", " 7 ", "Session", "123456;timeout=60"));
        assertEquals(OptionalInt.of(7), request.cseq());
        assertEquals(Optional.of("123456"), request.sessionId());
        assertEquals(OptionalInt.empty(),
                new RtspRequest(RtspMethod.PLAY, "m", RtspHeaders.of("CSeq", "x")).cseq());
    }

    @Test
    void rejectsTargetsWithSpaces() {
        assertThrows(IllegalArgumentException.class,
                () -> new RtspRequest(RtspMethod.OPTIONS, "a b", RtspHeaders.of()));
    }

    @Test
    void knownMethodsAndStatusesAreTheConstants() {
        assertSame(RtspMethod.GET_PARAMETER, RtspMethod.valueOf("GET_PARAMETER"));
        assertEquals("X-FOO", RtspMethod.valueOf("X-FOO").name());
        assertSame(RtspStatus.SESSION_NOT_FOUND, RtspStatus.valueOf(454));
        assertEquals(new RtspStatus(299, "Status 299"), RtspStatus.valueOf(299));
    }

    @Test
    void errorResponseSaysWhyOnOneLine() {
        RtspResponse error = RtspResponse.error(RtspStatus.BAD_REQUEST, "no\r\nCSeq");
        assertEquals(new RtspStatus(400, "Bad Request (no CSeq)"), error.status());
    }

    @Test
    void interleavedFramesCompareTheirBytes() {
        assertEquals(new InterleavedFrame(1, new byte[] {1, 2}), new InterleavedFrame(1, new byte[] {1, 2}));
        assertEquals(new InterleavedFrame(1, new byte[] {1, 2}).hashCode(),
                new InterleavedFrame(1, new byte[] {1, 2}).hashCode());
        assertThrows(IllegalArgumentException.class, () -> new InterleavedFrame(256, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new InterleavedFrame(0, new byte[0x10000]));
    }
}
