package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedParserTest {

    /** What the parser reported, in order, as text. */
    private static final class Recorder implements InterleavedParser.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void rtp(int sequence, boolean marker, int timestamp) {
            events.add("rtp " + sequence + (marker ? " M " : " ") + Integer.toUnsignedString(timestamp));
        }

        @Override
        public void otherFrame(int channel, int length) {
            events.add("frame " + channel + " " + length);
        }

        @Override
        public void response(RtspResponse response) {
            events.add("response " + response.status().code() + " cseq " + response.cseq().orElse(-1)
                    + " body " + response.body().length);
        }
    }

    private static byte[] rtp(int seq, boolean marker, long ts, int payload) {
        byte[] body = new byte[payload];
        java.util.Arrays.fill(body, (byte) '$'); // payload bytes that look like frame starts
        return new InterleavedFrame(0, new RtpPacket(marker, 26, seq, ts, 0x1234, body).encode()).encode();
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(rtp(65_535, false, 4_000_000_000L, 1388));
        out.writeBytes(rtp(0, true, 4_000_000_000L, 500));
        out.writeBytes(new InterleavedFrame(1, new byte[28]).encode()); // RTCP
        out.writeBytes("RTSP/1.0 200 OK\r\nCSeq: 7\r\nSession: 42\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(rtp(1, false, 4_000_004_500L, 12));
        out.writeBytes("RTSP/1.0 200 OK\r\nCSeq: 8\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new InterleavedFrame(0, new byte[5]).encode()); // too short for RTP
        return out.toByteArray();
    }

    private static final List<String> EXPECTED = List.of(
            "rtp 65535 4000000000", "rtp 0 M 4000000000", "frame 1 28", "response 200 cseq 7 body 0",
            "rtp 1 4000004500", "response 200 cseq 8 body 5", "frame 0 5");

    @Test
    void framesAndResponsesFedWholeAreAllReported() throws RtspParseException {
        Recorder r = new Recorder();
        new InterleavedParser(0, r).feed(ByteBuffer.wrap(stream()));
        assertEquals(EXPECTED, r.events);
    }

    @Test
    void theOutcomeDoesNotDependOnWhereTheBytesAreSplit() throws RtspParseException {
        byte[] bytes = stream();
        for (int chunk : new int[] {1, 2, 3, 5, 7, 13, 64, 1000}) {
            Recorder r = new Recorder();
            InterleavedParser parser = new InterleavedParser(0, r);
            for (int i = 0; i < bytes.length; i += chunk) {
                parser.feed(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
            }
            assertEquals(EXPECTED, r.events, "chunks of " + chunk);
        }
    }

    @Test
    void rtpOnAnotherChannelIsNotTakenForTheSessions() throws RtspParseException {
        Recorder r = new Recorder();
        new InterleavedParser(2, r).feed(ByteBuffer.wrap(rtp(5, true, 0, 100)));
        assertEquals(List.of("frame 0 112"), r.events);
    }

    @Test
    void aResponseHeadOverTheLimitIsAnError() {
        InterleavedParser parser = new InterleavedParser(0, new Recorder());
        byte[] head = ("RTSP/1.0 200 OK\r\nX: " + "a".repeat(InterleavedParser.MAX_RESPONSE_BYTES) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(RtspParseException.class, () -> parser.feed(ByteBuffer.wrap(head)));
    }

    @Test
    void aRequestWhereAResponseBelongsIsAnError() {
        InterleavedParser parser = new InterleavedParser(0, new Recorder());
        byte[] request = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(RtspParseException.class, () -> parser.feed(ByteBuffer.wrap(request)));
    }
}
