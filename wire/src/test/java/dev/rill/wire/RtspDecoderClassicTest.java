package dev.rill.wire;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import static dev.rill.wire.WireText.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The classic dialect: messages without their blank line, completed by idle(). */
class RtspDecoderClassicTest {

    private final RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);

    private void feed(String text) throws RtspParseException {
        byte[] b = bytes(text);
        decoder.feed(b, 0, b.length);
    }

    @Test
    void idleCompletesJavaClientRequestEndedByCrlfWithoutBlankLine() throws RtspParseException {
        feed("SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000\r\n");
        assertEquals(Optional.empty(), decoder.next());
        assertTrue(decoder.completableWhenIdle());
        RtspRequest expected = new RtspRequest(RtspMethod.SETUP, "movie.Mjpeg",
                RtspHeaders.of("CSeq", "1", "Transport", "RTP/UDP; client_port= 25000"));
        assertEquals(Optional.of(expected), decoder.idle());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void idleCompletesPythonClientRequestWithoutFinalLineEnd() throws RtspParseException {
        feed("SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nTransport: RTP/UDP; client_port= 25000");
        assertEquals(Optional.empty(), decoder.next());
        assertTrue(decoder.completableWhenIdle());
        RtspRequest expected = new RtspRequest(RtspMethod.SETUP, "movie.Mjpeg",
                RtspHeaders.of("CSeq", "1", "Transport", "RTP/UDP; client_port= 25000"));
        assertEquals(Optional.of(expected), decoder.idle());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void idleCompletesOneClassicRequestAfterAnother() throws RtspParseException {
        feed("SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nTransport: RTP/UDP; client_port= 25000");
        assertEquals(RtspMethod.SETUP, ((RtspRequest) decoder.idle().orElseThrow()).method());
        feed("PLAY movie.Mjpeg RTSP/1.0\nCSeq: 2\nSession: 123456");
        assertEquals(Optional.empty(), decoder.next());
        RtspRequest play = (RtspRequest) decoder.idle().orElseThrow();
        assertEquals(RtspMethod.PLAY, play.method());
        assertEquals(Optional.of("123456"), play.sessionId());
        assertEquals(Optional.empty(), decoder.idle());
    }

    @Test
    void idleTakesATrailingCrAsTheLineEnd() throws RtspParseException {
        feed("TEARDOWN movie.Mjpeg RTSP/1.0\r\nCSeq: 4\r\nSession: 123456\r");
        RtspRequest teardown = (RtspRequest) decoder.idle().orElseThrow();
        assertEquals(Optional.of("123456"), teardown.headers().first("Session"));
        assertEquals(0, decoder.buffered());
    }

    @Test
    void idleCompletesCourseServerResponseWithoutBlankLine() throws RtspParseException {
        feed("RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 123456\r\n");
        assertEquals(Optional.empty(), decoder.next());
        assertTrue(decoder.completableWhenIdle());
        RtspResponse expected = RtspResponse.of(RtspStatus.OK).with("CSeq", "1").with("Session", "123456");
        assertEquals(Optional.of(expected), decoder.idle());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void idleNeverCompletesAStandardRequest() throws RtspParseException {
        feed("OPTIONS rtsp://127.0.0.1:8554/movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\n");
        assertFalse(decoder.completableWhenIdle());
        assertEquals(Optional.empty(), decoder.idle());
        feed("\r\n");
        assertEquals(RtspMethod.OPTIONS, ((RtspRequest) decoder.next().orElseThrow()).method());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "SETUP movie.Mjpeg RTSP/1.0\nTransport: RTP/UDP; client_port= 25000\n", // no CSeq
            "SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nContent-Length: 5\n",            // announces a body
            "SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nTrans",                            // last line not a field yet
            "SETUP movie.Mjpeg RTSP/1.0",                                           // request line only
            "SETUP movie.Mjpeg RTSP/1.0\nCSe",                                       // CSeq not complete
            "RTSP/1.0 200 OK\r\nSession: 1\r\n",                                    // response without CSeq
            "SETUP rtsp://127.0.0.1/movie.Mjpeg RTSP/1.0\nCSeq: 1",                  // standard target
            "$\u0000\u0000\u0005ab"                                                 // half a frame
    })
    void idleLeavesIncompleteMessagesAlone(String wire) throws RtspParseException {
        feed(wire);
        assertFalse(decoder.completableWhenIdle());
        assertEquals(Optional.empty(), decoder.idle());
        assertEquals(bytes(wire).length, decoder.buffered());
    }

    @Test
    void nextStartLineEndsAClassicRequestWithoutBlankLine() throws RtspParseException {
        feed("PLAY movie.Mjpeg RTSP/1.0\nCSeq: 3\nSession: 123456\nPAUSE movie.Mjpeg RTSP/1.0\nCSeq: 4\nSession: 123456\n");
        assertEquals(RtspMethod.PLAY, ((RtspRequest) decoder.next().orElseThrow()).method());
        assertEquals(Optional.empty(), decoder.next());
        RtspRequest pause = (RtspRequest) decoder.idle().orElseThrow();
        assertEquals(RtspMethod.PAUSE, pause.method());
        assertEquals(pause.cseq(), java.util.OptionalInt.of(4));
    }

    @Test
    void idleReturnsACompleteMessageFirstAndKeepsTheRest() throws RtspParseException {
        feed("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\nPLAY movie.Mjpeg RTSP/1.0\nCSeq: 2\nSession: 1");
        assertTrue(decoder.completableWhenIdle());
        assertEquals(RtspMethod.OPTIONS, ((RtspRequest) decoder.idle().orElseThrow()).method());
        assertEquals(RtspMethod.PLAY, ((RtspRequest) decoder.idle().orElseThrow()).method());
    }

    @Test
    void classicRequestWithBlankLineNeedsNoIdle() throws RtspParseException {
        feed("SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000\r\n\r\n");
        assertEquals(RtspMethod.SETUP, ((RtspRequest) decoder.next().orElseThrow()).method());
        assertFalse(decoder.completableWhenIdle());
    }
}
