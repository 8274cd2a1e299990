package dev.rill.bench;

import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import dev.rill.spi.RtspMessage;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what an RTSP connection carries after PLAY of an interleaved session (RFC 2326 §10.12):
 * {@code $} frames, of which only the first 12 bytes (the RTP header) are looked at and the rest
 * skipped in bulk, and now and then an RTSP response (to TEARDOWN), which is collected whole and
 * decoded with the spi's {@link RtspDecoder}. Bytes may be split anywhere between calls. No
 * allocation per packet. Not thread-safe: one per connection, fed by one receiver thread.
 */
final class InterleavedParser {

    /** Receives what the parser finds. */
    interface Listener {
        /** An RTP packet on the session's RTP channel: its header fields. */
        void rtp(int sequence, boolean marker, int timestamp);

        /** True when {@link #packet} is wanted: every RTP packet whole, after {@link #rtp}. */
        default boolean wantsPackets() {
            return false;
        }

        /** An RTP packet whole, header and payload, from position 0 to the limit; valid during the call. */
        default void packet(ByteBuffer packet) {
        }

        /** A frame on another channel (RTCP), or one too short to be RTP. */
        void otherFrame(int channel, int length);

        /** An RTSP response on the connection. */
        void response(RtspResponse response);
    }

    /** The most bytes of one response (head and body) collected. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024;
    private static final int FRAME_HEADER = 4;

    private enum State { START, FRAME_HEADER, PACKET_HEADER, SKIP, COLLECT, HEAD, BODY }

    private final int rtpChannel;
    private final Listener listener;
    private final byte[] header = new byte[RtpHeader.LENGTH];
    private final byte[] text = new byte[MAX_RESPONSE_BYTES];
    private State state = State.START;
    private int have;
    private int channel;
    private int length;
    private int skip;
    private int textLength;
    private int bodyEnd;
    private RtspDecoder decoder;
    /** A whole RTP packet being collected for a listener that wants packets; made on first use. */
    private ByteBuffer packet;

    InterleavedParser(int rtpChannel, Listener listener) {
        if (rtpChannel < 0 || rtpChannel > 255) {
            throw new IllegalArgumentException("interleaved channel must be 0..255: " + rtpChannel);
        }
        this.rtpChannel = rtpChannel;
        this.listener = listener;
    }

    /** Consumes every remaining byte of {@code in}. */
    void feed(ByteBuffer in) throws RtspParseException {
        while (in.hasRemaining()) {
            switch (state) {
                case START -> start(in);
                case FRAME_HEADER -> frameHeader(in);
                case PACKET_HEADER -> packetHeader(in);
                case SKIP -> {
                    int n = Math.min(skip, in.remaining());
                    in.position(in.position() + n);
                    skip -= n;
                    if (skip == 0) {
                        state = State.START;
                    }
                }
                case COLLECT -> {
                    int n = Math.min(skip, in.remaining());
                    packet.put(packet.position(), in, in.position(), n);
                    packet.position(packet.position() + n);
                    in.position(in.position() + n);
                    skip -= n;
                    if (skip == 0) {
                        deliverPacket();
                    }
                }
                case HEAD -> head(in);
                case BODY -> body(in);
            }
        }
    }

    private void start(ByteBuffer in) {
        byte b = in.get(in.position());
        if (b == '\r' || b == '\n') {
            in.get(); // blank lines between messages (RFC 2616 §4.1)
        } else if (b == '$') {
            in.get();
            state = State.FRAME_HEADER;
            have = 1;
        } else {
            state = State.HEAD;
            textLength = 0;
        }
    }

    private void frameHeader(ByteBuffer in) {
        while (have < FRAME_HEADER && in.hasRemaining()) {
            int b = in.get() & 0xFF;
            if (have == 1) {
                channel = b;
            } else if (have == 2) {
                length = b << 8;
            } else {
                length |= b;
            }
            have++;
        }
        if (have == FRAME_HEADER) {
            have = 0;
            if (length == 0) {
                listener.otherFrame(channel, 0);
                state = State.START;
            } else {
                state = State.PACKET_HEADER;
            }
        }
    }

    private void packetHeader(ByteBuffer in) {
        int wanted = Math.min(RtpHeader.LENGTH, length);
        int n = Math.min(wanted - have, in.remaining());
        in.get(header, have, n);
        have += n;
        if (have < wanted) {
            return;
        }
        skip = length - wanted;
        if (channel == rtpChannel && wanted == RtpHeader.LENGTH && RtpHeader.isVersion2(header[0])) {
            listener.rtp(RtpHeader.sequence(header), RtpHeader.marker(header), RtpHeader.timestamp(header));
            if (listener.wantsPackets()) {
                if (packet == null) {
                    packet = ByteBuffer.allocate(0xFFFF);
                }
                packet.clear();
                packet.put(header);
                if (skip == 0) {
                    deliverPacket();
                } else {
                    state = State.COLLECT;
                }
                return;
            }
        } else {
            listener.otherFrame(channel, length);
        }
        state = skip == 0 ? State.START : State.SKIP;
    }

    private void deliverPacket() {
        packet.flip();
        listener.packet(packet);
        state = State.START;
    }

    private void head(ByteBuffer in) throws RtspParseException {
        while (in.hasRemaining()) {
            append(in.get());
            if (endsHead()) {
                int contentLength = contentLength();
                if (contentLength < 0 || contentLength > MAX_RESPONSE_BYTES - textLength) {
                    throw new RtspParseException(RtspStatus.REQUEST_ENTITY_TOO_LARGE,
                            "response body of " + contentLength + " bytes");
                }
                bodyEnd = textLength + contentLength;
                state = State.BODY;
                body(in);
                return;
            }
        }
    }

    private void body(ByteBuffer in) throws RtspParseException {
        int n = Math.min(bodyEnd - textLength, in.remaining());
        in.get(text, textLength, n);
        textLength += n;
        if (textLength < bodyEnd) {
            return;
        }
        if (decoder == null) {
            decoder = new RtspDecoder(RtspLimits.DEFAULT);
        }
        decoder.feed(text, 0, textLength);
        Optional<RtspMessage> message = decoder.next();
        if (message.isPresent() && message.get() instanceof RtspResponse response) {
            listener.response(response);
        } else {
            throw new RtspParseException(RtspStatus.BAD_REQUEST, "not an RTSP response: "
                    + new String(text, 0, Math.min(textLength, 80), StandardCharsets.ISO_8859_1));
        }
        state = State.START;
    }

    private void append(byte b) throws RtspParseException {
        if (textLength == MAX_RESPONSE_BYTES) {
            throw new RtspParseException(RtspStatus.BAD_REQUEST, "response head longer than " + MAX_RESPONSE_BYTES);
        }
        text[textLength++] = b;
    }

    /** True when the text collected ends with a blank line (CRLF CRLF, or LF LF). */
    private boolean endsHead() {
        int n = textLength;
        return n >= 2 && text[n - 1] == '\n'
                && (text[n - 2] == '\n' || n >= 4 && text[n - 2] == '\r' && text[n - 3] == '\n');
    }

    /** The Content-Length of the head collected, 0 without one. */
    private int contentLength() throws RtspParseException {
        String head = new String(text, 0, textLength, StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new RtspParseException(RtspStatus.BAD_REQUEST, "bad Content-Length: " + line);
                }
            }
        }
        return 0;
    }
}
