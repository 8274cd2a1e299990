package dev.rill.spi;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The payload of one RTP packet, shared by every session that sends it.
 *
 * @param payload a read-only buffer holding the whole payload from position 0 to its limit;
 *                readers use absolute gets or a {@code duplicate()} so that sharing is safe
 * @param marker  the RTP marker bit for this packet
 */
public record PayloadFragment(ByteBuffer payload, boolean marker) {
    public PayloadFragment {
        Objects.requireNonNull(payload, "payload");
        if (payload.position() != 0) {
            throw new IllegalArgumentException("payload must start at position 0");
        }
        if (!payload.isReadOnly()) {
            payload = payload.asReadOnlyBuffer();
        }
    }

    /** Bytes of payload. */
    public int size() {
        return payload.limit();
    }
}
