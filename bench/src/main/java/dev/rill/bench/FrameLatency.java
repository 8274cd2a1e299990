package dev.rill.bench;

import java.nio.ByteBuffer;

/**
 * The publish-to-viewer latency of one viewer session: every RTP packet it receives goes
 * through a {@link ScanHash}; a frame hashed whole is looked up in the publisher's
 * {@link SendTimes}, and arrival (the clock read when its last packet has been read) less send
 * time is recorded, inside the measurement window only. Owned by the session's receiver thread.
 */
final class FrameLatency {

    /** RFC 3550 §5.1: fixed header, then 4 bytes per CSRC. */
    private static final int FIXED_HEADER = 12;

    private final ScanHash scan = new ScanHash();
    private final SendTimes times;
    private long matched;
    private long unknown;
    private long stale;

    FrameLatency(SendTimes times) {
        this.times = times;
    }

    /**
     * One RTP packet, whole, from {@code packet}'s position to its limit (neither is moved).
     *
     * @param latencies where latencies inside the window go
     */
    void packet(ByteBuffer packet, StreamStats.Window w, LatencyHistogram latencies) {
        int start = packet.position();
        int end = packet.limit();
        if (end - start < FIXED_HEADER) {
            return;
        }
        int first = packet.get(start) & 0xFF;
        int header = FIXED_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0 && end - start >= header + 4) { // header extension, RFC 3550 §5.3.1
            header += 4 + 4 * (((packet.get(start + header + 2) & 0xFF) << 8) | (packet.get(start + header + 3) & 0xFF));
        }
        int payloadEnd = (first & 0x20) != 0 ? end - (packet.get(end - 1) & 0xFF) : end; // padding
        if (start + header > payloadEnd) {
            return;
        }
        boolean marker = (packet.get(start + 1) & 0x80) != 0;
        packet.position(start + header).limit(payloadEnd);
        boolean whole;
        try {
            whole = scan.payload(packet, marker);
        } finally {
            packet.limit(end).position(start);
        }
        if (!whole) {
            return;
        }
        long now = System.nanoTime();
        if (now < w.start() || now >= w.end()) {
            return;
        }
        long sent = times.sentAt(scan.hash());
        if (sent == 0) {
            unknown++;
        } else if (sent > now) {
            stale++;
        } else {
            matched++;
            latencies.record(now - sent);
        }
    }

    /** Frames inside the window whose send time was found. */
    long matched() {
        return matched;
    }

    /** Frames inside the window whose scan hash the publisher never sent (altered on the way?). */
    long unknown() {
        return unknown;
    }

    /** Frames inside the window that came after their picture had been sent again: a cycle late. */
    long stale() {
        return stale;
    }

    /** Frames given up because a packet was missing or malformed. */
    long broken() {
        return scan.broken();
    }
}
