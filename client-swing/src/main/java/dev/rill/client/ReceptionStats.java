package dev.rill.client;

import dev.rill.wire.RtcpPacket;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one receiver knows of one RTP source, kept as RFC 3550 Appendix A says: the extended
 * highest sequence number and its cycles (A.1), packets expected and lost, cumulative and since
 * the last report (A.3), and the interarrival jitter (A.8), in the source's timestamp units.
 *
 * <p>No probation (A.1's {@code MIN_SEQUENTIAL}): the player set the stream up itself and takes
 * only the SSRC it locked onto, so its first packet already counts. A jump of more than
 * {@link #MAX_DROPOUT} is taken as a restart of the sequence once two packets in a row confirm it
 * (A.1's {@code bad_seq}). Thread-safe: the receiver writes, the report sender and the panels read.
 */
final class ReceptionStats {

    /** RFC 3550 A.1: largest forward jump still taken as loss, not as a restarted sequence. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: largest backward step taken as reordering, not as a restarted sequence. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final int clockRate;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long bytes;

    private boolean haveTransit;
    private long lastArrival;
    private long lastTimestamp;
    /** Interarrival jitter in timestamp units, RFC 3550 A.8 (kept as a double, not scaled by 16). */
    private double jitter;

    /** @param clockRate the source's RTP clock, Hz; arrival times are converted to it for jitter */
    ReceptionStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0 Hz: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    int clockRate() {
        return clockRate;
    }

    /**
     * Records one packet.
     *
     * @param sequence     its 16-bit sequence number
     * @param timestamp    its 32-bit RTP timestamp
     * @param arrivalUnits its arrival time in timestamp units, from any fixed origin
     * @param length       its length in bytes, header included
     * @return false when the packet was taken as a duplicate or a stray of an old sequence
     */
    boolean packet(int sequence, long timestamp, long arrivalUnits, int length) {
        lock.lock();
        try {
            bytes += length;
            if (!started) {
                started = true;
                restart(sequence);
                received = 1;
                transit(timestamp, arrivalUnits);
                return true;
            }
            int delta = (sequence - maxSeq) & 0xFFFF;
            if (delta < MAX_DROPOUT) {
                if (sequence < maxSeq) {
                    cycles += SEQ_MOD; // wrapped
                }
                maxSeq = sequence;
            } else if (delta <= SEQ_MOD - MAX_MISORDER) {
                if (sequence != badSeq) {
                    badSeq = (sequence + 1) & 0xFFFF; // a big jump: wait for the next to confirm it
                    return false;
                }
                restart(sequence); // two in a row: the sender restarted its sequence
            }
            // else: a duplicate or a reordered packet; counted as received (A.1 does too)
            received++;
            transit(timestamp, arrivalUnits);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void restart(int sequence) {
        baseSeq = sequence;
        maxSeq = sequence;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** RFC 3550 A.8; the timestamp difference is taken modulo 2^32 so a wrap does not show as jitter. */
    private void transit(long timestamp, long arrivalUnits) {
        if (haveTransit) {
            long d = (arrivalUnits - lastArrival) - (int) (timestamp - lastTimestamp);
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        haveTransit = true;
        lastArrival = arrivalUnits;
        lastTimestamp = timestamp;
    }

    /** The figures now. */
    Figures figures() {
        lock.lock();
        try {
            return new Figures(received, expected(), bytes, extendedMax(), jitter, jitter * 1000.0 / clockRate);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A report block for the next receiver report, and the start of a new report interval
     * (RFC 3550 A.3: the fraction lost covers the packets since the previous block).
     *
     * @param ssrc the source reported on
     * @param lastSr the middle 32 bits of the last sender report's NTP time and the delay since it
     *               in 1/65536 s, or empty when none arrived
     */
    RtcpPacket.ReportBlock reportBlock(long ssrc, OptionalLong lastSr, long delaySinceLastSr) {
        lock.lock();
        try {
            long expected = expected();
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            expectedPrior = expected;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                    : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
            long lost = Math.max(-(1 << 23), Math.min((1 << 23) - 1, expected - received));
            return new RtcpPacket.ReportBlock(ssrc, fraction, (int) lost, extendedMax() & 0xFFFFFFFFL,
                    Math.round(jitter) & 0xFFFFFFFFL, lastSr.orElse(0),
                    lastSr.isPresent() ? delaySinceLastSr & 0xFFFFFFFFL : 0);
        } finally {
            lock.unlock();
        }
    }

    private long extendedMax() {
        return cycles + maxSeq;
    }

    private long expected() {
        return started ? extendedMax() - baseSeq + 1 : 0;
    }

    /**
     * Counts since reception began.
     *
     * @param received   packets received (duplicates included, as RFC 3550 A.3 counts them)
     * @param expected   extended highest sequence less the first, plus one
     * @param bytes      bytes of every packet, headers included
     * @param extendedHighestSequence cycles * 65536 + highest sequence number
     * @param jitterUnits interarrival jitter, timestamp units
     * @param jitterMillis the same in milliseconds
     */
    record Figures(long received, long expected, long bytes, long extendedHighestSequence, double jitterUnits,
                   double jitterMillis) {

        /** Packets lost: expected less received, never below zero (duplicates can make it so). */
        long lost() {
            return Math.max(0, expected - received);
        }

        /** Lost over expected, 0..1. */
        double lossRate() {
            return expected <= 0 ? 0 : (double) lost() / expected;
        }
    }
}
