package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import static dev.rill.wire.WireText.bytes;
import static dev.rill.wire.WireText.decode;
import static dev.rill.wire.WireText.drain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Framing of well-formed input: line ends, feeding patterns, pipelining, frames, bodies, tolerance. */
class RtspDecoderTest {

    private static final RtspRequest OPTIONS_STAR =
            new RtspRequest(RtspMethod.OPTIONS, "*", RtspHeaders.of("CSeq", "1"));

    @Test
    void decodesRequestWithCrlfLineEnds() throws RtspParseException {
        assertEquals(List.of(OPTIONS_STAR), decode("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"));
    }

    @Test
    void decodesRequestWithBareLfLineEnds() throws RtspParseException {
        assertEquals(List.of(OPTIONS_STAR), decode("OPTIONS * RTSP/1.0\nCSeq: 1\n\n"));
    }

    @Test
    void decodesRequestWithMixedLineEnds() throws RtspParseException {
        RtspRequest expected = new RtspRequest(RtspMethod.OPTIONS, "*", RtspHeaders.of("CSeq", "1", "User-Agent", "x"));
        assertEquals(List.of(expected), decode("OPTIONS * RTSP/1.0\nCSeq: 1\r\nUser-Agent: x\n\r\n"));
    }

    @Test
    void returnsNothingUntilTheBlankLineArrives() throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] head = bytes("OPTIONS rtsp://127.0.0.1/a RTSP/1.0\r\nCSeq: 1\r\n");
        decoder.feed(head, 0, head.length);
        assertEquals(Optional.empty(), decoder.next());
        assertEquals(Optional.empty(), decoder.next());
        assertEquals(head.length, decoder.buffered());
        decoder.feed(bytes("\r\n"), 0, 2);
        assertTrue(decoder.next().isPresent());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void decodesPipelinedMessagesFromOneFeedInOrder() throws RtspParseException {
        List<RtspMessage> messages = decode("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"
                + "DESCRIBE rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 2\r\n\r\n"
                + "RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\n");
        assertEquals(3, messages.size());
        assertEquals(RtspMethod.OPTIONS, ((RtspRequest) messages.get(0)).method());
        assertEquals(RtspMethod.DESCRIBE, ((RtspRequest) messages.get(1)).method());
        assertEquals(RtspStatus.OK, ((RtspResponse) messages.get(2)).status());
    }

    @Test
    void decodesInterleavedFramesBetweenRequests() throws RtspParseException {
        List<RtspMessage> messages = decode("$\u0000\u0000\u0002ab"
                + "GET_PARAMETER rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 4\r\nSession: 42\r\n\r\n"
                + "$\u0001\u0000\u0003\r\n$"
                + "$\u0000\u0000\u0000");
        assertEquals(4, messages.size());
        assertEquals(new InterleavedFrame(0, bytes("ab")), messages.get(0));
        assertEquals(RtspMethod.GET_PARAMETER, ((RtspRequest) messages.get(1)).method());
        assertEquals(new InterleavedFrame(1, bytes("\r\n$")), messages.get(2));
        assertEquals(new InterleavedFrame(0, new byte[0]), messages.get(3));
    }

    @Test
    void decodesTheSameMessagesWhenFedOneByteAtATime() throws RtspParseException {
        String wire = "$\u0000\u0000\u0002ab"
                + "SET_PARAMETER rtsp://127.0.0.1/m RTSP/1.0\nCSeq: 4\r\nContent-Length: 5\n\r\nhello"
                + "\r\n\r\nRTSP/1.0 200 OK\r\nCSeq: 4\r\n\r\n"
                + "$\u0001\u0000\u0001z";
        List<RtspMessage> whole = decode(wire);
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        assertEquals(whole, WireText.decodeByteAtATime(decoder, bytes(wire)));
        assertEquals(4, whole.size());
        assertEquals(0, decoder.buffered());
    }

    @Test
    void readsTheBodyThatContentLengthAnnounces() throws RtspParseException {
        List<RtspMessage> messages = decode("ANNOUNCE rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 2\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: 10\r\n\r\n0123\r\n6789"
                + "OPTIONS * RTSP/1.0\r\nCSeq: 3\r\n\r\n");
        assertEquals(2, messages.size());
        assertArrayEquals(bytes("0123\r\n6789"), ((RtspRequest) messages.get(0)).body());
        assertEquals(RtspMethod.OPTIONS, ((RtspRequest) messages.get(1)).method());
    }

    @Test
    void waitsForABodySplitAcrossFeeds() throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] head = bytes("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 6\r\n\r\nv=0");
        decoder.feed(head, 0, head.length);
        assertEquals(Optional.empty(), decoder.next());
        decoder.feed(bytes("\r\nx"), 0, 3);
        RtspResponse response = (RtspResponse) decoder.next().orElseThrow();
        assertArrayEquals(bytes("v=0\r\nx"), response.body());
    }

    @Test
    void decodesTheLargestBodyFedOneByteAtATime() {
        byte[] body = new byte[RtspLimits.DEFAULT.maxBody()];
        java.util.Arrays.fill(body, (byte) '\n'); // line ends in a body must not be taken as lines
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(bytes("SET_PARAMETER rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 1\r\nContent-Length: "
                + body.length + "\r\n\r\n"));
        wire.writeBytes(body);
        // A guard against quadratic rescanning, not a benchmark: linear work takes milliseconds.
        List<RtspMessage> messages = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> WireText.decodeByteAtATime(new RtspDecoder(RtspLimits.DEFAULT), wire.toByteArray()));
        assertArrayEquals(body, ((RtspRequest) messages.getFirst()).body());
    }

    @Test
    void decodesMoreThanTheBufferOfPipelinedMessagesFromOneFeed() throws RtspParseException {
        String one = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n";
        int count = 100_000 / one.length();
        List<RtspMessage> messages = decode(one.repeat(count));
        assertEquals(count, messages.size());
    }

    @Test
    void skipsEmptyLinesBeforeAStartLine() throws RtspParseException {
        assertEquals(List.of(OPTIONS_STAR, OPTIONS_STAR),
                decode("\r\n\n\r\nOPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n\r\n\nOPTIONS * RTSP/1.0\nCSeq: 1\n\n"));
    }

    @Test
    void toleratesWhiteSpaceAroundNamesAndValues() throws RtspParseException {
        RtspRequest request = (RtspRequest) decode("PLAY rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq:7\r\n"
                + "Session :   42  \r\nRange:\tnpt=0-\t\r\n\r\n").getFirst();
        assertEquals(RtspHeaders.of("CSeq", "7", "Session", "42", "Range", "npt=0-"), request.headers());
    }

    @Test
    void foldsContinuationLinesIntoThePreviousValue() throws RtspParseException {
        RtspRequest request = (RtspRequest) decode("SETUP rtsp://127.0.0.1/m RTSP/1.0\r\nCSeq: 3\r\n"
                + "Transport: RTP/AVP;unicast;\r\n   client_port=4588-4589\r\n\tRTP/AVP/TCP\r\n\r\n").getFirst();
        assertEquals(Optional.of("RTP/AVP;unicast; client_port=4588-4589 RTP/AVP/TCP"),
                request.headers().first("Transport"));
    }

    @Test
    void keepsRepeatedFieldsInOrder() throws RtspParseException {
        RtspRequest request = (RtspRequest) decode("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-A: 1\r\nx-a: 2\r\n\r\n").getFirst();
        assertEquals(List.of("1", "2"), request.headers().all("X-A"));
    }

    @Test
    void decodesTextAsIso88591ByteForByte() throws RtspParseException {
        RtspRequest request = (RtspRequest) decode(
                "DESCRIBE rtsp://127.0.0.1/f\u00fcr.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nX-Name: caf\u00e9\u00ff\r\n\r\n").getFirst();
        assertEquals("rtsp://127.0.0.1/f\u00fcr.Mjpeg", request.target());
        assertEquals(Optional.of("caf\u00e9\u00ff"), request.headers().first("X-Name"));
    }

    @Test
    void decodesStatusLinesWithAnyReason() throws RtspParseException {
        List<RtspMessage> messages = decode("RTSP/1.0 461 Unsupported   Transport \r\nCSeq: 1\r\n\r\n"
                + "RTSP/1.0 200\r\nCSeq: 2\r\n\r\n"
                + "RTSP/1.0 299 Private\r\nCSeq: 3\r\n\r\n");
        assertEquals(new RtspStatus(461, "Unsupported   Transport"), ((RtspResponse) messages.get(0)).status());
        assertEquals(new RtspStatus(200, ""), ((RtspResponse) messages.get(1)).status());
        assertEquals(new RtspStatus(299, "Private"), ((RtspResponse) messages.get(2)).status());
    }

    @Test
    void decodesLargestInterleavedFrame() throws RtspParseException {
        byte[] payload = new byte[0xFFFF];
        payload[0xFFFE] = 42;
        byte[] wire = new InterleavedFrame(3, payload).encode();
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        decoder.feed(wire, 0, wire.length);
        assertEquals(new InterleavedFrame(3, payload), decoder.next().orElseThrow());
    }

    @Test
    void feedsOnlyTheGivenSliceOfTheArray() throws RtspParseException {
        byte[] wire = bytes("xxOPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\nyy");
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        decoder.feed(wire, 2, wire.length - 4);
        assertEquals(List.of(OPTIONS_STAR), drain(decoder));
    }

    @Test
    void acceptsAMessageExactlyAtEveryLimit() throws RtspParseException {
        RtspLimits limits = new RtspLimits(64, 128, 4, 10);
        String line = "OPTIONS rtsp://127.0.0.1/" + "a".repeat(30) + " RTSP/1.0";
        String fields = "CSeq: 1\r\n" + "Content-Length: 10\r\n"
                + "X: " + "b".repeat(40) + "\r\n" + "Y: " + "c".repeat(49) + "\r\n";
        assertEquals(64, line.length());
        assertEquals(128, fields.length());
        byte[] wire = bytes(line + "\r\n" + fields + "\r\n0123456789");
        RtspDecoder decoder = new RtspDecoder(limits);
        decoder.feed(wire, 0, wire.length);
        RtspRequest request = (RtspRequest) decoder.next().orElseThrow();
        assertEquals(4, request.headers().size());
        assertArrayEquals(bytes("0123456789"), request.body());
    }
}
