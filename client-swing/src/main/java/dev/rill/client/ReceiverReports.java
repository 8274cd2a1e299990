package dev.rill.client;

import dev.rill.wire.RtcpPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RTCP this player sends (RFC 3550 §6): compound packets of a receiver report with one block
 * on the stream (§6.4.2), an SDES with our CNAME (§6.5.1; §6.1 wants one in every compound
 * packet), and on leaving a BYE (§6.6).
 */
final class ReceiverReports {

    /** RFC 3550 §6.2: the minimum interval between reports. */
    static final long INTERVAL_MILLIS = 5_000;
    private static final int SDES_CNAME = 1;
    private static final int MAX_CNAME_BYTES = 255;

    private final long ssrc;
    private final byte[] cname;

    /**
     * @param ssrc  our own SSRC, random
     * @param cname our canonical name, e.g. {@code rill@127.0.0.1}
     */
    ReceiverReports(long ssrc, String cname) {
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ssrc must be 0..2^32-1: " + ssrc);
        }
        byte[] bytes = cname.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_CNAME_BYTES) {
            throw new IllegalArgumentException("CNAME must be 1..255 bytes: '" + cname + "'");
        }
        this.ssrc = ssrc;
        this.cname = bytes;
    }

    long ssrc() {
        return ssrc;
    }

    /** A receiver report (with a block when there is one) and SDES. */
    byte[] report(Optional<RtcpPacket.ReportBlock> block) {
        return RtcpPacket.encodeCompound(List.of(receiverReport(block), sdes()));
    }

    /** A receiver report, SDES and BYE: what a leaving receiver sends. */
    byte[] goodbye(Optional<RtcpPacket.ReportBlock> block) {
        return RtcpPacket.encodeCompound(List.of(receiverReport(block), sdes(),
                new RtcpPacket.Bye(List.of(ssrc), Optional.of("teardown"))));
    }

    private RtcpPacket receiverReport(Optional<RtcpPacket.ReportBlock> block) {
        List<RtcpPacket.ReportBlock> blocks = new ArrayList<>(1);
        block.ifPresent(blocks::add);
        return new RtcpPacket.ReceiverReport(ssrc, blocks);
    }

    /** One chunk: our SSRC, the CNAME item, the null item that ends the list, padding to 32 bits. */
    private RtcpPacket sdes() {
        int length = 4 + 2 + cname.length + 1;
        ByteBuffer body = ByteBuffer.allocate((length + 3) / 4 * 4);
        body.putInt((int) ssrc).put((byte) SDES_CNAME).put((byte) cname.length).put(cname);
        return new RtcpPacket.Other(1, RtcpPacket.PT_SDES, body.array());
    }
}
