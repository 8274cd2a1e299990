package dev.rill.spi;

import java.util.Objects;

/**
 * A frame a depayloader rebuilt.
 *
 * @param timestamp the RTP timestamp of its packets
 * @param data      the coded frame (for JPEG: a complete JFIF stream)
 */
public record ReceivedFrame(long timestamp, byte[] data) {
    public ReceivedFrame {
        Objects.requireNonNull(data, "data");
    }
}
