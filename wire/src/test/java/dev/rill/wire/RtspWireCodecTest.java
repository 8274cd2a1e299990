package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import static dev.rill.wire.WireText.bytes;
import static dev.rill.wire.WireText.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of messages and their exact wire bytes, run both ways: encode, and decode. */
class RtspWireCodecTest {

    record Case(String name, RtspMessage message, String wire) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("OPTIONS *",
                        new RtspRequest(RtspMethod.OPTIONS, "*", RtspHeaders.of("CSeq", "1")),
                        "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                new Case("SETUP with transport",
                        new RtspRequest(RtspMethod.SETUP, "rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0",
                                RtspHeaders.of("CSeq", "3", "Transport", "RTP/AVP;unicast;client_port=4588-4589")),
                        "SETUP rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"
                                + "Transport: RTP/AVP;unicast;client_port=4588-4589\r\n\r\n"),
                new Case("classic SETUP with blank line",
                        new RtspRequest(RtspMethod.SETUP, "movie.Mjpeg",
                                RtspHeaders.of("CSeq", "1", "Transport", "RTP/UDP; client_port= 25000")),
                        "SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000\r\n\r\n"),
                new Case("SET_PARAMETER with body",
                        new RtspRequest(RtspMethod.SET_PARAMETER, "rtsp://127.0.0.1/movie.Mjpeg", "RTSP/1.0",
                                RtspHeaders.of("CSeq", "9", "Content-Type", "text/parameters",
                                        "Content-Length", "12"), bytes("barparam: 1\n")),
                        "SET_PARAMETER rtsp://127.0.0.1/movie.Mjpeg RTSP/1.0\r\nCSeq: 9\r\n"
                                + "Content-Type: text/parameters\r\nContent-Length: 12\r\n\r\nbarparam: 1\n"),
                new Case("extension method, RTSP/1.1",
                        new RtspRequest(RtspMethod.valueOf("X-PING"), "*", "RTSP/1.1", RtspHeaders.of("CSeq", "2"),
                                new byte[0]),
                        "X-PING * RTSP/1.1\r\nCSeq: 2\r\n\r\n"),
                new Case("200 with session",
                        RtspResponse.of(RtspStatus.OK).with("CSeq", "2").with("Session", "12345678;timeout=60"),
                        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nSession: 12345678;timeout=60\r\n\r\n"),
                new Case("classic 200",
                        RtspResponse.of(RtspStatus.OK).with("CSeq", "1").with("Session", "123456"),
                        "RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 123456\r\n\r\n"),
                new Case("454 reason with spaces",
                        RtspResponse.of(RtspStatus.SESSION_NOT_FOUND).with("CSeq", "5"),
                        "RTSP/1.0 454 Session Not Found\r\nCSeq: 5\r\n\r\n"),
                new Case("status with empty reason",
                        RtspResponse.of(new RtspStatus(200, "")).with("CSeq", "5"),
                        "RTSP/1.0 200 \r\nCSeq: 5\r\n\r\n"),
                new Case("DESCRIBE answer with SDP body",
                        new RtspResponse("RTSP/1.0", RtspStatus.OK, RtspHeaders.of("CSeq", "2",
                                "Content-Base", "rtsp://127.0.0.1/movie.Mjpeg/", "Content-Type", "application/sdp",
                                "Content-Length", "11"), bytes("v=0\r\ns=Rill")),
                        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://127.0.0.1/movie.Mjpeg/\r\n"
                                + "Content-Type: application/sdp\r\nContent-Length: 11\r\n\r\nv=0\r\ns=Rill"),
                new Case("interleaved RTP frame",
                        new InterleavedFrame(0, new byte[] {(byte) 0x80, 26, 0, 1}),
                        "$\u0000\u0000\u0004\u0080\u001a\u0000\u0001"),
                new Case("interleaved empty frame on channel 255",
                        new InterleavedFrame(255, new byte[0]),
                        "$\u00ff\u0000\u0000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesToExactBytes(Case c) {
        byte[] encoded = switch (c.message()) {
            case RtspRequest r -> r.encode();
            case RtspResponse r -> r.encode();
            case InterleavedFrame f -> f.encode();
        };
        assertEquals(c.wire(), text(encoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesExactBytes(Case c) throws RtspParseException {
        assertEquals(List.of(c.message()), WireText.decode(c.wire()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesExactBytesFedOneAtATime(Case c) throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        assertEquals(List.of(c.message()), WireText.decodeByteAtATime(decoder, bytes(c.wire())));
        assertEquals(0, decoder.buffered());
    }

    @Test
    void encodesContentLengthFromTheBodyNotFromTheHeaders() {
        RtspResponse response = new RtspResponse("RTSP/1.0", RtspStatus.OK,
                RtspHeaders.of("Content-Length", "999", "CSeq", "4"), bytes("abc"));
        assertArrayEquals(bytes("RTSP/1.0 200 OK\r\nCSeq: 4\r\nContent-Length: 3\r\n\r\nabc"), response.encode());
    }

    @Test
    void encodesInterleavedLengthBigEndian() {
        byte[] wire = new InterleavedFrame(1, new byte[0xFFFF]).encode();
        assertEquals(4 + 0xFFFF, wire.length);
        assertArrayEquals(new byte[] {'$', 1, (byte) 0xFF, (byte) 0xFF}, Arrays.copyOf(wire, 4));
    }
}
