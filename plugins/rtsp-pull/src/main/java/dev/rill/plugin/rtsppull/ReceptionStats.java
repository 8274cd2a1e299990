package dev.rill.plugin.rtsppull;

import dev.rill.wire.RtcpPacket;
import dev.rill.wire.RtcpPacket.ReceiverReport;
import dev.rill.wire.RtcpPacket.ReportBlock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a receiver report says of one received stream (RFC 3550 §6.4.1): extended highest
 * sequence number and losses (Appendix A.1, A.3), interarrival jitter (A.8), and the last sender
 * report with its delay. Thread-safe: the receiving thread counts, the supervising one reports.
 */
final class ReceptionStats {

    /** RFC 3550 A.1: a sequence jump larger than this is not counted as in order. */
    static final int MAX_DROPOUT = 3000;
    private static final int SEQ_MOD = 1 << 16;

    private final long clockRate;
    private final long ownSsrc;
    private final byte[] cname;
    private boolean any;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private long firstArrivalNanos;
    private long lastSenderReport;
    private long lastSenderReportAt;

    /**
     * @param ownSsrc the receiver's SSRC, random per connection (§8.1)
     * @param cname   the receiver's canonical name for SDES (§6.5.1)
     */
    ReceptionStats(int clockRate, long ownSsrc, String cname) {
        this.clockRate = clockRate;
        this.ownSsrc = ownSsrc;
        this.cname = cname.getBytes(StandardCharsets.UTF_8);
    }

    /** An RTP packet arrived. */
    synchronized void packet(int sequence, long timestamp, long packetSsrc, long arrivalNanos) {
        if (!any || packetSsrc != ssrc) {
            any = true;
            ssrc = packetSsrc;
            maxSeq = sequence;
            baseSeq = sequence;
            cycles = 0;
            received = 0;
            expectedPrior = 0;
            receivedPrior = 0;
            jitter = 0;
            firstArrivalNanos = arrivalNanos;
            lastTransit = 0;
            lastSenderReport = 0;
        }
        int delta = (sequence - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (sequence < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = sequence;
        } else if (delta <= SEQ_MOD - 100) {
            // A.1: a very large jump; the sender restarted its numbering. Start counting again.
            maxSeq = sequence;
            baseSeq = cycles + sequence;
            received = 0;
            expectedPrior = 0;
            receivedPrior = 0;
        } // else a duplicate or a late packet
        received++;
        long arrival = (arrivalNanos - firstArrivalNanos) / 1000 * clockRate / 1_000_000;
        long transit = arrival - timestamp;
        if (received > 1) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0; // A.8
        }
        lastTransit = transit;
    }

    /** A sender report of the stream arrived: receiver reports echo it (LSR, DLSR). */
    synchronized void senderReport(long compactNtp, long arrivalNanos) {
        lastSenderReport = compactNtp;
        lastSenderReportAt = arrivalNanos;
    }

    /** A compound RR + SDES CNAME, with a report block once packets came; A.3 for the losses. */
    synchronized byte[] report(long nowNanos) {
        List<ReportBlock> blocks = List.of();
        if (any) {
            long extendedMax = cycles + maxSeq;
            long expected = extendedMax - baseSeq + 1;
            long lost = Math.max(-(1 << 23), Math.min((1 << 23) - 1, expected - received));
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            expectedPrior = expected;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                    : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
            long delay = lastSenderReport == 0 ? 0 : (nowNanos - lastSenderReportAt) * 65_536 / 1_000_000_000L;
            blocks = List.of(new ReportBlock(ssrc, fraction, (int) lost, extendedMax & 0xFFFFFFFFL,
                    (long) jitter & 0xFFFFFFFFL, lastSenderReport, delay & 0xFFFFFFFFL));
        }
        return RtcpPacket.encodeCompound(List.of(new ReceiverReport(ownSsrc, blocks), sdes()));
    }

    /** SDES with one chunk: our SSRC, CNAME, end (§6.5), padded to 32 bits. */
    private RtcpPacket.Other sdes() {
        int length = Math.min(255, cname.length);
        int chunk = 4 + 2 + length + 1;
        ByteBuffer body = ByteBuffer.allocate((chunk + 3) / 4 * 4);
        body.putInt((int) ownSsrc).put((byte) 1).put((byte) length).put(cname, 0, length);
        return new RtcpPacket.Other(1, RtcpPacket.PT_SDES, body.array());
    }
}
