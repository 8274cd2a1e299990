package dev.rill.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP or RTCP packet carried on the RTSP connection (RFC 2326 §10.12): {@code '$'}, a
 * one-byte channel id, a two-byte big-endian length, then the packet.
 *
 * @param channel 0..255, as negotiated by {@code interleaved=} in SETUP
 * @param payload the packet; at most 65,535 bytes
 */
public record InterleavedFrame(int channel, byte[] payload) implements RtspMessage {

    /** The byte that starts an interleaved frame, which can never start an RTSP message. */
    public static final byte MAGIC = '$';
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 4;

    public InterleavedFrame {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("interleaved channel must be 0..255: " + channel);
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("interleaved payload too long: " + payload.length);
        }
    }

    /** The frame as on the wire. */
    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        out[0] = MAGIC;
        out[1] = (byte) channel;
        out[2] = (byte) (payload.length >>> 8);
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    // A record compares arrays by reference; frames are values, so compare the bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof InterleavedFrame f && f.channel == channel && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * channel + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "InterleavedFrame[channel=" + channel + " payload=" + payload.length + " bytes]";
    }
}
