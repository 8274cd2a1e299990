package dev.rill.spi;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An RTP packet (RFC 3550 §5.1). Version is always 2.
 *
 * @param padding        bytes of padding after the payload (0 for none); the P bit is set when > 0
 * @param marker         the M bit; for video, the last packet of a frame
 * @param payloadType    0..127
 * @param sequenceNumber 0..65535
 * @param timestamp      0..2^32-1, in the payload format's clock
 * @param ssrc           0..2^32-1
 * @param csrcs          at most 15 contributing sources, each 0..2^32-1
 * @param extension      the header extension (§5.3.1), if any
 * @param payload        the payload; never modified after construction
 */
public record RtpPacket(int padding, boolean marker, int payloadType, int sequenceNumber, long timestamp,
                        long ssrc, long[] csrcs, Optional<Extension> extension, byte[] payload) {

    public static final int VERSION = 2;
    /** Bytes of the fixed header, without CSRCs or extension. */
    public static final int HEADER_LENGTH = 12;
    /** Payload type of JPEG video, RFC 3551 §6. */
    public static final int PAYLOAD_TYPE_JPEG = 26;

    /**
     * A header extension (RFC 3550 §5.3.1).
     *
     * @param profile 16 bits defined by the profile
     * @param data    a multiple of 4 bytes, at most 4 * 65535
     */
    public record Extension(int profile, byte[] data) {
        public Extension {
            if (profile < 0 || profile > 0xFFFF) {
                throw new IllegalArgumentException("extension profile must be 16 bits: " + profile);
            }
            if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("extension length must be a multiple of 4 up to 262140: " + data.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extension e && e.profile == profile && Arrays.equals(e.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * profile + Arrays.hashCode(data);
        }
    }

    public RtpPacket {
        if (padding < 0 || padding > 255) {
            throw new IllegalArgumentException("padding must be 0..255: " + padding);
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number must be 0..65535: " + sequenceNumber);
        }
        checkUnsigned32("timestamp", timestamp);
        checkUnsigned32("ssrc", ssrc);
        Objects.requireNonNull(csrcs, "csrcs");
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs: " + csrcs.length);
        }
        for (long csrc : csrcs) {
            checkUnsigned32("csrc", csrc);
        }
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(payload, "payload");
    }

    /** A plain packet: no padding, CSRCs or extension. */
    public RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        this(0, marker, payloadType, sequenceNumber, timestamp, ssrc, new long[0], Optional.empty(), payload);
    }

    /** Bytes of the encoded packet. */
    public int length() {
        return HEADER_LENGTH + 4 * csrcs.length + extension.map(e -> 4 + e.data().length).orElse(0)
                + payload.length + padding;
    }

    /** The packet as on the wire. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(length());
        out.put((byte) ((VERSION << 6) | (padding > 0 ? 0x20 : 0) | (extension.isPresent() ? 0x10 : 0) | csrcs.length));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        for (long csrc : csrcs) {
            out.putInt((int) csrc);
        }
        extension.ifPresent(e -> {
            out.putShort((short) e.profile());
            out.putShort((short) (e.data().length / 4));
            out.put(e.data());
        });
        out.put(payload);
        if (padding > 0) {
            out.position(out.position() + padding - 1);
            out.put((byte) padding);
        }
        return out.array();
    }

    /**
     * Writes a plain 12-byte header (no padding, CSRCs or extension) at the buffer's position
     * and advances it: the per-packet work of a sender whose payloads are shared.
     */
    public static void writeHeader(ByteBuffer out, boolean marker, int payloadType, int sequenceNumber,
                                   long timestamp, long ssrc) {
        out.put((byte) (VERSION << 6));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
    }

    /** Parses one packet that fills {@code bytes[offset, offset + length)}. */
    public static RtpPacket decode(byte[] bytes, int offset, int length) throws MalformedPacketException {
        if (length < HEADER_LENGTH) {
            throw new MalformedPacketException("RTP packet shorter than 12 bytes: " + length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        int b0 = in.get() & 0xFF;
        if (b0 >>> 6 != VERSION) {
            throw new MalformedPacketException("RTP version is " + (b0 >>> 6) + ", not 2");
        }
        boolean hasPadding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = in.get() & 0xFF;
        int sequence = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFFFFFFL;
        long ssrc = in.getInt() & 0xFFFFFFFFL;
        if (in.remaining() < 4 * csrcCount) {
            throw new MalformedPacketException("RTP packet too short for " + csrcCount + " CSRCs");
        }
        long[] csrcs = new long[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = in.getInt() & 0xFFFFFFFFL;
        }
        Optional<Extension> extension = Optional.empty();
        if (hasExtension) {
            if (in.remaining() < 4) {
                throw new MalformedPacketException("RTP packet too short for its header extension");
            }
            int profile = in.getShort() & 0xFFFF;
            int words = in.getShort() & 0xFFFF;
            if (in.remaining() < 4 * words) {
                throw new MalformedPacketException("RTP header extension of " + words + " words overruns the packet");
            }
            byte[] data = new byte[4 * words];
            in.get(data);
            extension = Optional.of(new Extension(profile, data));
        }
        int padding = 0;
        if (hasPadding) {
            if (!in.hasRemaining()) {
                throw new MalformedPacketException("RTP padding bit set on a packet with no payload");
            }
            padding = bytes[offset + length - 1] & 0xFF;
            if (padding == 0 || padding > in.remaining()) {
                throw new MalformedPacketException("RTP padding count " + padding + " does not fit the packet");
            }
        }
        byte[] payload = new byte[in.remaining() - padding];
        in.get(payload);
        return new RtpPacket(padding, (b1 & 0x80) != 0, b1 & 0x7F, sequence, timestamp, ssrc, csrcs, extension, payload);
    }

    private static void checkUnsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " must be 0..2^32-1: " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.padding == padding && p.marker == marker && p.payloadType == payloadType
                && p.sequenceNumber == sequenceNumber && p.timestamp == timestamp && p.ssrc == ssrc
                && Arrays.equals(p.csrcs, csrcs) && p.extension.equals(extension) && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(padding, marker, payloadType, sequenceNumber, timestamp, ssrc, Arrays.hashCode(csrcs),
                extension, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " payload=" + payload.length + "]";
    }
}
