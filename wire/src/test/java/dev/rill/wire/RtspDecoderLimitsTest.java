package dev.rill.wire;

import dev.rill.spi.RtspStatus;
import static dev.rill.wire.WireText.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Over-limit and malformed input: the right status, a short reason, detected early, no hang. */
class RtspDecoderLimitsTest {

    /** Feeds {@code wire} in chunks, draining after each; the error and how many bytes it took to see it. */
    private static Failure feedUntilFailure(String wire, int chunk) {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] bytes = bytes(wire);
        int fed = 0;
        try {
            while (fed < bytes.length) {
                int n = Math.min(chunk, bytes.length - fed);
                decoder.feed(bytes, fed, n);
                fed += n;
                WireText.drain(decoder);
            }
            decoder.idle();
        } catch (RtspParseException e) {
            return new Failure(e, fed);
        }
        return fail("no RtspParseException for " + wire.substring(0, Math.min(60, wire.length())));
    }

    private record Failure(RtspParseException error, int bytesFed) {
    }

    private static RtspParseException failure(String wire) {
        return feedUntilFailure(wire, Integer.MAX_VALUE).error();
    }

    @Test
    void requestLineWithoutLineEndFailsOnceItPassesTheLimit() {
        String wire = "DESCRIBE rtsp://127.0.0.1/" + "a".repeat(20_000);
        Failure failure = feedUntilFailure(wire, 1000);
        assertEquals(RtspStatus.REQUEST_URI_TOO_LARGE, failure.error().status());
        assertEquals("request line longer than 4096 bytes", failure.error().reason());
        assertEquals(5000, failure.bytesFed());
    }

    @Test
    void runOfBytesWithoutSpaceFailsAsABadMethodLongBeforeTheLineLimit() {
        Failure failure = feedUntilFailure("A".repeat(20_000), 10);
        assertEquals(RtspStatus.BAD_REQUEST, failure.error().status());
        assertEquals("method is not a token", failure.error().reason());
        assertEquals(40, failure.bytesFed());
    }

    @Test
    void requestLineOverTheLimitWithItsLineEndIs414() {
        RtspParseException e = failure("OPTIONS rtsp://127.0.0.1/" + "a".repeat(4096) + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertEquals(RtspStatus.REQUEST_URI_TOO_LARGE, e.status());
    }

    @Test
    void statusLineOverTheLimitIs400() {
        RtspParseException e = failure("RTSP/1.0 200 " + "O".repeat(5000));
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
        assertEquals("status line longer than 4096 bytes", e.reason());
    }

    @Test
    void sixtyFiveHeaderFieldsAre400() {
        String fields = "X-F: 1\r\n".repeat(64);
        RtspParseException e = failure("OPTIONS * RTSP/1.0\r\n" + fields + "CSeq: 1\r\n\r\n");
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
        assertEquals("more than 64 header fields", e.reason());
    }

    @Test
    void sixtyFourHeaderFieldsAreAccepted() throws RtspParseException {
        String fields = "X-F: 1\r\n".repeat(63);
        assertEquals(1, WireText.decode("OPTIONS * RTSP/1.0\r\n" + fields + "CSeq: 1\r\n\r\n").size());
    }

    @Test
    void headersOverEightKibibytesAre400() {
        String field = "X-Big: " + "v".repeat(3000) + "\r\n";
        RtspParseException e = failure("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + field.repeat(3) + "\r\n");
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
        assertEquals("header fields longer than 8192 bytes", e.reason());
    }

    @Test
    void headerLineWithoutLineEndFailsOnceItPassesTheLimit() {
        Failure failure = feedUntilFailure("OPTIONS * RTSP/1.0\r\nX-Big: " + "v".repeat(20_000), 1000);
        assertEquals(RtspStatus.BAD_REQUEST, failure.error().status());
        assertEquals(9000, failure.bytesFed());
    }

    @Test
    void hugeContentLengthIs413BeforeAnyBodyArrives() {
        Failure failure = feedUntilFailure("ANNOUNCE rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 1\r\n"
                + "Content-Length: 99999999999999999999999\r\n", 10_000);
        assertEquals(RtspStatus.REQUEST_ENTITY_TOO_LARGE, failure.error().status());
        assertEquals("Content-Length of more than 10 digits is over the limit of 65536 bytes", failure.error().reason());
    }

    @Test
    void contentLengthOneOverTheLimitIs413() {
        RtspParseException e = failure("ANNOUNCE rtsp://127.0.0.1/m RTSP/1.0\r\nContent-Length: 65537\r\n\r\n");
        assertEquals(RtspStatus.REQUEST_ENTITY_TOO_LARGE, e.status());
        assertEquals("Content-Length 65537 is over the limit of 65536 bytes", e.reason());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("negative Content-Length", "OPTIONS * RTSP/1.0\r\nContent-Length: -1\r\n\r\n", 400),
                Arguments.of("Content-Length with a sign", "OPTIONS * RTSP/1.0\r\nContent-Length: +1\r\n\r\n", 400),
                Arguments.of("fractional Content-Length", "OPTIONS * RTSP/1.0\r\nContent-Length: 1.5\r\n\r\n", 400),
                Arguments.of("empty Content-Length", "OPTIONS * RTSP/1.0\r\nContent-Length:\r\n\r\n", 400),
                Arguments.of("two different Content-Lengths",
                        "OPTIONS * RTSP/1.0\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
                Arguments.of("RTSP/2.0 request", "OPTIONS * RTSP/2.0\r\nCSeq: 1\r\n\r\n", 505),
                Arguments.of("HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 505),
                Arguments.of("RTSP/2.0 response", "RTSP/2.0 200 OK\r\nCSeq: 1\r\n\r\n", 505),
                Arguments.of("version with garbage", "OPTIONS * RTSP/1.0x\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("no version", "OPTIONS *\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("four parts", "OPTIONS * x RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("leading space", " OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("method not a token", "OPT(IONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("garbage line", "hello\r\n\r\n", 400),
                Arguments.of("binary line", "\u0000\u0001\u0002\u00ff\r\n\r\n", 400),
                Arguments.of("target with a control character", "OPTIONS a\u0001b RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("bare CR inside a line", "OPTIONS * RTSP/1.0\rCSeq: 1\r\n\r\n", 400),
                Arguments.of("header line without colon", "OPTIONS * RTSP/1.0\r\nCSeq 1\r\n\r\n", 400),
                Arguments.of("header name not a token", "OPTIONS * RTSP/1.0\r\nC Seq: 1\r\n\r\n", 400),
                Arguments.of("continuation before any field", "OPTIONS * RTSP/1.0\r\n  CSeq: 1\r\n\r\n", 400),
                Arguments.of("four-digit status", "RTSP/1.0 2000 OK\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("status below 100", "RTSP/1.0 099 Odd\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("status line without code", "RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400),
                Arguments.of("standard request without blank line, next request after it",
                        "OPTIONS rtsp://127.0.0.1/ RTSP/1.0\r\nCSeq: 1\r\nOPTIONS rtsp://127.0.0.1/ RTSP/1.0\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedMessageWithItsStatus(String name, String wire, int status) {
        RtspParseException e = failure(wire);
        assertEquals(status, e.status().code());
        assertFalse(e.reason().isBlank());
        assertFalse(e.reason().contains("\n") || e.reason().contains("\r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedMessageFedOneByteAtATimeWithTheSameStatus(String name, String wire, int status) {
        assertEquals(status, feedUntilFailure(wire, 1).error().status().code());
    }

    @Test
    void decoderStaysFailedAfterAnError() throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] bad = bytes("OPTIONS * RTSP/9.0\r\n");
        decoder.feed(bad, 0, bad.length);
        RtspParseException first = assertThrows(RtspParseException.class, decoder::next);
        byte[] good = bytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertSame(first, assertThrows(RtspParseException.class, () -> decoder.feed(good, 0, good.length)));
        assertSame(first, assertThrows(RtspParseException.class, decoder::next));
        assertSame(first, assertThrows(RtspParseException.class, decoder::idle));
        assertFalse(decoder.completableWhenIdle());
    }

    @Test
    void completableWhenIdleReportsFalseForBadBytesAndNextThrows() throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] bad = bytes("OPTIONS * RTSP/1.0\r\nno colon here\r\n");
        decoder.feed(bad, 0, bad.length);
        assertFalse(decoder.completableWhenIdle());
        assertEquals(RtspStatus.BAD_REQUEST, assertThrows(RtspParseException.class, decoder::next).status());
    }

    @Test
    void feedingMessagesWithoutTakingThemIsBounded() {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] one = bytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        RtspParseException e = assertThrows(RtspParseException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                decoder.feed(one, 0, one.length);
            }
        });
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
        assertTrue(decoder.buffered() <= 3 * RtspLimits.DEFAULT.maxMessage());
    }
}
