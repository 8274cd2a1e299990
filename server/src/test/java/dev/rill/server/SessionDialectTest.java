package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.wire.Transport;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two dialects: how each is chosen, how each writes a reply, the ids each makes. */
class SessionDialectTest {

    private static RtspRequest options(String target) {
        return new RtspRequest(RtspMethod.OPTIONS, target, RtspHeaders.of(RtspHeaders.CSEQ, "1"));
    }

    @Test
    void aRequestForABareFileNameIsClassic() {
        assertSame(SessionDialect.CLASSIC, SessionDialect.forRequest(options("movie.Mjpeg")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://127.0.0.1:8554/movie.Mjpeg", "RTSP://host/movie.Mjpeg", "*"})
    void aRequestForAUrlOrTheServerIsStandard(String target) {
        assertSame(SessionDialect.STANDARD, SessionDialect.forRequest(options(target)));
    }

    @Test
    void theCourseTransportRtpUdpIsClassic() {
        assertSame(SessionDialect.CLASSIC, SessionDialect.forTransport(Transport.parse("RTP/UDP; client_port= 25000")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTP/AVP;unicast;client_port=5000-5001", "RTP/AVP/UDP;unicast;client_port=5000-5001",
            "RTP/AVP/TCP;unicast;interleaved=0-1"})
    void anAvpTransportIsStandard(String transport) {
        assertSame(SessionDialect.STANDARD, SessionDialect.forTransport(Transport.parse(transport)));
    }

    @Test
    void aClassicReplyIsExactlyStatusCSeqAndSessionWithNoBlankLine() {
        RtspResponse response = RtspResponse.of(RtspStatus.OK)
                .with(RtspHeaders.CSEQ, "3")
                .with(RtspHeaders.SESSION, "123456;timeout=60")
                .with(RtspHeaders.SERVER, ServerContext.SERVER_NAME)
                .with(RtspHeaders.RANGE, "npt=0-");
        String text = new String(SessionDialect.CLASSIC.encode(response), StandardCharsets.ISO_8859_1);
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 123456\r\n", text);
    }

    @Test
    void aClassicErrorWithNoSessionStillHasThreeLines() {
        RtspResponse response = RtspResponse.of(RtspStatus.NOT_FOUND).with(RtspHeaders.CSEQ, "9");
        String text = new String(SessionDialect.CLASSIC.encode(response), StandardCharsets.ISO_8859_1);
        assertEquals("RTSP/1.0 404 Not Found\r\nCSeq: 9\r\nSession: 0\r\n", text);
    }

    @Test
    void aStandardReplyIsTheWholeResponse() {
        RtspResponse response = RtspResponse.of(RtspStatus.OK)
                .with(RtspHeaders.CSEQ, "3")
                .with(RtspHeaders.SESSION, "ABC;timeout=60")
                .with(RtspHeaders.SERVER, ServerContext.SERVER_NAME);
        assertArrayEquals(response.encode(), SessionDialect.STANDARD.encode(response));
        assertTrue(new String(response.encode(), StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"));
    }

    @Test
    void classicIdsArePositiveIntegers() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String id = SessionDialect.CLASSIC.newId(random);
            assertTrue(Integer.parseInt(id) > 0, id);
        }
    }

    @Test
    void standardIdsAre32HexDigits() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String id = SessionDialect.STANDARD.newId(random);
            assertTrue(id.matches("[0-9A-F]{32}"), id);
        }
    }

    @Test
    void onlyTheStandardSessionHeaderCarriesTheTimeout() {
        assertEquals("42", SessionDialect.CLASSIC.sessionHeader("42", 60));
        assertEquals("AB;timeout=60", SessionDialect.STANDARD.sessionHeader("AB", 60));
    }

    @Test
    void classicStreamsStartAtSequenceOneAndTimestampZero() {
        SecureRandom random = new SecureRandom();
        assertEquals(1, SessionDialect.CLASSIC.firstSequence(random));
        assertEquals(0, SessionDialect.CLASSIC.timestampBase(random));
    }
}
