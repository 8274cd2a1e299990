package dev.rill.wire;

import dev.rill.spi.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RTCP packets (RFC 3550 §6.4, §6.6): sender and receiver reports, BYE, and anything else kept
 * as it came. RTCP travels as compound packets: {@link #decodeCompound} and {@link #encodeCompound}.
 */
public sealed interface RtcpPacket {

    int PT_SR = 200;
    int PT_RR = 201;
    int PT_SDES = 202;
    int PT_BYE = 203;
    /** Seconds from 1900 (NTP's epoch) to 1970 (Unix's). */
    long NTP_UNIX_OFFSET = 2_208_988_800L;

    /** The packet as on the wire. */
    byte[] encode();

    /**
     * A reception report block (RFC 3550 §6.4.1).
     *
     * @param ssrc                    the source reported on
     * @param fractionLost            packets lost since the previous report, in 1/256ths (0..255)
     * @param cumulativeLost          packets lost since reception began (24-bit signed; may be negative with duplicates)
     * @param extendedHighestSequence highest sequence number received, with 16 bits of cycles above
     * @param jitter                  interarrival jitter in timestamp units (RFC 3550 §6.4.1, A.8)
     * @param lastSenderReport        middle 32 bits of the NTP timestamp of the last SR received (0 if none)
     * @param delaySinceLastSenderReport delay since that SR, in 1/65536 s
     */
    record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                       long lastSenderReport, long delaySinceLastSenderReport) {
        public ReportBlock {
            if (fractionLost < 0 || fractionLost > 255) {
                throw new IllegalArgumentException("fraction lost must be 0..255: " + fractionLost);
            }
            if (cumulativeLost < -(1 << 23) || cumulativeLost >= (1 << 23)) {
                throw new IllegalArgumentException("cumulative lost must fit 24 signed bits: " + cumulativeLost);
            }
        }

        /** Bytes of one block. */
        static final int LENGTH = 24;

        void writeTo(ByteBuffer out) {
            out.putInt((int) ssrc);
            out.putInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
            out.putInt((int) extendedHighestSequence);
            out.putInt((int) jitter);
            out.putInt((int) lastSenderReport);
            out.putInt((int) delaySinceLastSenderReport);
        }

        static ReportBlock readFrom(ByteBuffer in) {
            long ssrc = in.getInt() & 0xFFFFFFFFL;
            int word = in.getInt();
            int lost = word & 0xFFFFFF;
            if ((lost & 0x800000) != 0) {
                lost |= 0xFF000000;
            }
            return new ReportBlock(ssrc, (word >>> 24) & 0xFF, lost, in.getInt() & 0xFFFFFFFFL,
                    in.getInt() & 0xFFFFFFFFL, in.getInt() & 0xFFFFFFFFL, in.getInt() & 0xFFFFFFFFL);
        }
    }

    /**
     * A sender report (PT 200).
     *
     * @param ntpTimestamp 64-bit NTP time: seconds since 1900 in the high 32 bits, fraction in the low
     */
    record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                        List<ReportBlock> reports) implements RtcpPacket {
        public SenderReport {
            reports = List.copyOf(reports);
            if (reports.size() > 31) {
                throw new IllegalArgumentException("at most 31 report blocks: " + reports.size());
            }
        }

        /** The middle 32 bits of the NTP timestamp, as receivers echo it in LSR. */
        public long compactNtp() {
            return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        }

        @Override
        public byte[] encode() {
            ByteBuffer out = header(reports.size(), PT_SR, 24 + ReportBlock.LENGTH * reports.size());
            out.putInt((int) ssrc).putLong(ntpTimestamp).putInt((int) rtpTimestamp)
                    .putInt((int) packetCount).putInt((int) octetCount);
            reports.forEach(r -> r.writeTo(out));
            return out.array();
        }
    }

    /** A receiver report (PT 201). */
    record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {
        public ReceiverReport {
            reports = List.copyOf(reports);
            if (reports.size() > 31) {
                throw new IllegalArgumentException("at most 31 report blocks: " + reports.size());
            }
        }

        @Override
        public byte[] encode() {
            ByteBuffer out = header(reports.size(), PT_RR, 4 + ReportBlock.LENGTH * reports.size());
            out.putInt((int) ssrc);
            reports.forEach(r -> r.writeTo(out));
            return out.array();
        }
    }

    /** BYE (PT 203): the sources are leaving, optionally saying why. */
    record Bye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {
        public Bye {
            ssrcs = List.copyOf(ssrcs);
            Objects.requireNonNull(reason, "reason");
            if (ssrcs.size() > 31) {
                throw new IllegalArgumentException("at most 31 sources in a BYE: " + ssrcs.size());
            }
        }

        @Override
        public byte[] encode() {
            byte[] text = reason.map(r -> r.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            int textLength = reason.isPresent() ? Math.min(255, text.length) : -1;
            int body = 4 * ssrcs.size() + (textLength >= 0 ? (1 + textLength + 3) / 4 * 4 : 0);
            ByteBuffer out = header(ssrcs.size(), PT_BYE, body);
            ssrcs.forEach(s -> out.putInt(s.intValue()));
            if (textLength >= 0) {
                out.put((byte) textLength).put(text, 0, textLength);
            }
            return out.array();
        }
    }

    /**
     * Any other packet type (SDES, APP, feedback), kept as received; {@code body} is without the
     * padding a sender may have added (RFC 3550 §6.4.1, P bit), so it need not be whole words.
     */
    record Other(int count, int packetType, byte[] body) implements RtcpPacket {
        @Override
        public byte[] encode() {
            int padding = (4 - body.length % 4) % 4;
            ByteBuffer out = header(count, packetType, body.length + padding);
            out.put(body);
            if (padding > 0) { // P bit, and the last byte counts the padding
                out.put(0, (byte) (out.get(0) | 0x20));
                out.put(out.capacity() - 1, (byte) padding);
            }
            return out.array();
        }
    }

    private static ByteBuffer header(int count, int packetType, int bodyBytes) {
        if (bodyBytes % 4 != 0) {
            throw new IllegalArgumentException("RTCP body must be whole 32-bit words: " + bodyBytes);
        }
        ByteBuffer out = ByteBuffer.allocate(4 + bodyBytes);
        out.put((byte) (0x80 | count)).put((byte) packetType).putShort((short) (bodyBytes / 4));
        return out;
    }

    /** The 64-bit NTP timestamp of a wall-clock time in milliseconds since 1970. */
    static long ntpTimestamp(long unixMillis) {
        long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The packets of a compound packet, in order. */
    static List<RtcpPacket> decodeCompound(byte[] bytes, int offset, int length) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        List<RtcpPacket> packets = new ArrayList<>();
        while (in.remaining() > 0) {
            if (in.remaining() < 4) {
                throw new MalformedPacketException("RTCP packet shorter than its 4-byte header");
            }
            int b0 = in.get() & 0xFF;
            int type = in.get() & 0xFF;
            int words = in.getShort() & 0xFFFF;
            if (b0 >>> 6 != 2) {
                throw new MalformedPacketException("RTCP version is " + (b0 >>> 6) + ", not 2");
            }
            if (in.remaining() < 4 * words) {
                throw new MalformedPacketException("RTCP length of " + words + " words overruns the packet");
            }
            int count = b0 & 0x1F;
            int padding = 0;
            ByteBuffer body = in.slice(in.position(), 4 * words);
            in.position(in.position() + 4 * words);
            if ((b0 & 0x20) != 0 && words > 0) {
                padding = body.get(body.limit() - 1) & 0xFF;
                if (padding == 0 || padding > body.limit()) {
                    throw new MalformedPacketException("RTCP padding count " + padding + " does not fit the packet");
                }
                body.limit(body.limit() - padding);
            }
            packets.add(decodeOne(count, type, body));
        }
        return packets;
    }

    private static RtcpPacket decodeOne(int count, int type, ByteBuffer body) throws MalformedPacketException {
        switch (type) {
            case PT_SR -> {
                need(body, 24 + ReportBlock.LENGTH * count, "sender report");
                long ssrc = body.getInt() & 0xFFFFFFFFL;
                long ntp = body.getLong();
                long rtp = body.getInt() & 0xFFFFFFFFL;
                long packets = body.getInt() & 0xFFFFFFFFL;
                long octets = body.getInt() & 0xFFFFFFFFL;
                return new SenderReport(ssrc, ntp, rtp, packets, octets, blocks(body, count));
            }
            case PT_RR -> {
                need(body, 4 + ReportBlock.LENGTH * count, "receiver report");
                long ssrc = body.getInt() & 0xFFFFFFFFL;
                return new ReceiverReport(ssrc, blocks(body, count));
            }
            case PT_BYE -> {
                need(body, 4 * count, "BYE");
                List<Long> ssrcs = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ssrcs.add(body.getInt() & 0xFFFFFFFFL);
                }
                Optional<String> reason = Optional.empty();
                if (body.remaining() > 0) {
                    int n = body.get() & 0xFF;
                    need(body, n, "BYE reason");
                    byte[] text = new byte[n];
                    body.get(text);
                    reason = Optional.of(new String(text, StandardCharsets.UTF_8));
                }
                return new Bye(ssrcs, reason);
            }
            default -> {
                byte[] rest = new byte[body.remaining()];
                body.get(rest);
                return new Other(count, type, rest);
            }
        }
    }

    private static List<ReportBlock> blocks(ByteBuffer body, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.readFrom(body));
        }
        return blocks;
    }

    private static void need(ByteBuffer body, int bytes, String what) throws MalformedPacketException {
        if (body.remaining() < bytes) {
            throw new MalformedPacketException("RTCP " + what + " needs " + bytes + " bytes, has " + body.remaining());
        }
    }

    /** Packets one after another as one compound packet. */
    static byte[] encodeCompound(List<? extends RtcpPacket> packets) {
        List<byte[]> parts = packets.stream().map(RtcpPacket::encode).toList();
        ByteBuffer out = ByteBuffer.allocate(parts.stream().mapToInt(p -> p.length).sum());
        parts.forEach(out::put);
        return out.array();
    }
}
