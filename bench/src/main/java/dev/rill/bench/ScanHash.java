package dev.rill.bench;

import java.nio.ByteBuffer;

/**
 * A 64-bit hash (FNV-1a) of one frame's entropy-coded scan data, computed from its RFC 2435
 * payloads in arrival order without putting the frame together: each payload's main JPEG header
 * (8 bytes, §3.1), the restart marker header of types 64..127 (4 bytes, §3.1.7) and, on the
 * payload at fragment offset 0 with Q of 128 or more, the quantization table header and tables
 * (§3.1.8) are skipped, and the rest is hashed. The scan data passes through a server that
 * depacketises and packetises again unchanged, so the publisher's hash of a frame it sent
 * matches a viewer's hash of the frame it got: the publish-to-viewer latency needs no stamp in
 * the picture.
 *
 * <p>A frame counts only when its payloads join up: each fragment offset equals the scan bytes
 * hashed so far. A missing packet breaks the frame; the next offset-0 payload starts a new one.
 * No allocation; not thread-safe (one per stream).
 */
final class ScanHash {

    /** RFC 2435 §3.1: the main JPEG header. */
    static final int MAIN_HEADER = 8;
    /** RFC 2435 §3.1.7: the restart marker header of types 64..127. */
    static final int RESTART_HEADER = 4;
    /** RFC 2435 §3.1.8: MBZ, precision, length (2 bytes), then the tables. */
    static final int QUANT_HEADER = 4;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private enum State { BETWEEN, IN_FRAME, SKIPPING }

    private State state = State.BETWEEN;
    private long offset;
    private long hash;
    private long completed;
    private long broken;

    /**
     * Takes the next payload of the stream: {@code payload}'s remaining bytes (its position is
     * not moved).
     *
     * @param marker the RTP marker bit: the frame's last packet
     * @return true when this payload completed a whole frame, whose hash is then {@link #hash()}
     */
    boolean payload(ByteBuffer payload, boolean marker) {
        int p = payload.position();
        int end = payload.limit();
        if (end - p < MAIN_HEADER) {
            return fail(marker);
        }
        int fragmentOffset = ((payload.get(p + 1) & 0xFF) << 16) | ((payload.get(p + 2) & 0xFF) << 8) | (payload.get(p + 3) & 0xFF);
        int type = payload.get(p + 4) & 0xFF;
        int q = payload.get(p + 5) & 0xFF;
        p += MAIN_HEADER;
        if (type >= 64 && type <= 127) {
            p += RESTART_HEADER;
        }
        if (fragmentOffset == 0) {
            state = State.IN_FRAME;
            offset = 0;
            hash = FNV_OFFSET;
            if (q >= 128) {
                if (end - p < QUANT_HEADER) {
                    return fail(marker);
                }
                p += QUANT_HEADER + (((payload.get(p + 2) & 0xFF) << 8) | (payload.get(p + 3) & 0xFF));
            }
        } else if (state != State.IN_FRAME || fragmentOffset != offset) {
            return fail(marker);
        }
        if (p > end) {
            return fail(marker);
        }
        long h = hash;
        for (int i = p; i < end; i++) {
            h = (h ^ (payload.get(i) & 0xFF)) * FNV_PRIME;
        }
        hash = h;
        offset += end - p;
        if (!marker) {
            return false;
        }
        state = State.BETWEEN;
        completed++;
        return true;
    }

    /** Gives up the frame this payload belongs to, counting it once (also one whose start was missed). */
    private boolean fail(boolean marker) {
        if (state != State.SKIPPING) {
            broken++;
        }
        state = marker ? State.BETWEEN : State.SKIPPING;
        return false;
    }

    /** The hash of the frame the last {@link #payload} call completed. */
    long hash() {
        return hash;
    }

    /** Frames hashed whole so far. */
    long completed() {
        return completed;
    }

    /** Frames given up: a payload missing or malformed. */
    long broken() {
        return broken;
    }
}
