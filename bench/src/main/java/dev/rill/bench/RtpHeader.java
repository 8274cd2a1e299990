package dev.rill.bench;

import java.nio.ByteBuffer;

/**
 * The fields of an RTP fixed header (RFC 3550 §5.1) the load generator looks at, read in
 * place from the received bytes: no {@link dev.rill.spi.RtpPacket} is built per packet, since
 * reception shares the machine with the server being measured.
 */
final class RtpHeader {

    /** Bytes of the fixed header. */
    static final int LENGTH = 12;

    private RtpHeader() {
    }

    /** True when the first byte says version 2. */
    static boolean isVersion2(byte first) {
        return (first & 0xC0) == 0x80;
    }

    static int sequence(byte[] h) {
        return ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
    }

    static boolean marker(byte[] h) {
        return (h[1] & 0x80) != 0;
    }

    static int timestamp(byte[] h) {
        return ((h[4] & 0xFF) << 24) | ((h[5] & 0xFF) << 16) | ((h[6] & 0xFF) << 8) | (h[7] & 0xFF);
    }

    /** Sequence number of the packet at index 0 of {@code b} (absolute get, big-endian). */
    static int sequence(ByteBuffer b) {
        return sequence(b, 0);
    }

    static boolean marker(ByteBuffer b) {
        return marker(b, 0);
    }

    static int timestamp(ByteBuffer b) {
        return timestamp(b, 0);
    }

    /** SSRC, 0..2^32-1. */
    static long ssrc(ByteBuffer b) {
        return ssrc(b, 0);
    }

    /** Sequence number of the header that starts at index {@code at} of {@code b}. */
    static int sequence(ByteBuffer b, int at) {
        return b.getShort(at + 2) & 0xFFFF;
    }

    static boolean marker(ByteBuffer b, int at) {
        return (b.get(at + 1) & 0x80) != 0;
    }

    static int timestamp(ByteBuffer b, int at) {
        return b.getInt(at + 4);
    }

    static long ssrc(ByteBuffer b, int at) {
        return b.getInt(at + 8) & 0xFFFFFFFFL;
    }
}
