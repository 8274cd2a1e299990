package dev.rill.plugin.mjpeg;

import dev.rill.spi.VideoSize;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finds a JPEG's picture size in its start-of-frame segment without decoding it
 * (ITU-T T.81 §B.2.2: SOFn = FF Cn, length, precision, height, width, ...).
 *
 * <p>Only SOF0 (baseline), SOF1 (extended sequential) and SOF2 (progressive) are recognised, the
 * Huffman-coded processes that JPEG over RTP meets. The walk follows segment lengths from SOI
 * and stops at SOS, EOI or the end of the data, so it reads each byte at most once.
 */
final class SofScanner {

    private static final int MARKER_PREFIX = 0xFF;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int SOF0 = 0xC0;
    private static final int SOF2 = 0xC2;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;

    private SofScanner() {
    }

    /**
     * The width and height from the first SOF0/SOF1/SOF2 segment; empty when the data is not a
     * JPEG, has no such segment before SOS, or leaves the height to a DNL segment (height 0).
     *
     * @param jpeg the coded frame from its position to its limit; not moved (absolute reads)
     */
    static Optional<VideoSize> videoSize(ByteBuffer jpeg) {
        int at = jpeg.position();
        int end = jpeg.limit();
        if (end - at < 2 || u8(jpeg, at) != MARKER_PREFIX || u8(jpeg, at + 1) != SOI) {
            return Optional.empty();
        }
        at += 2;
        while (at + 1 < end) {
            if (u8(jpeg, at) != MARKER_PREFIX) {
                return Optional.empty(); // not at a marker: entropy data or garbage before SOS
            }
            int marker = u8(jpeg, at + 1);
            if (marker == MARKER_PREFIX) {
                at++; // fill byte (T.81 §B.1.1.2)
                continue;
            }
            at += 2;
            if (marker == TEM || (marker >= RST0 && marker <= RST7)) {
                continue; // stand-alone markers carry no length
            }
            if (marker == SOS || marker == EOI || at + 2 > end) {
                return Optional.empty();
            }
            int length = u16(jpeg, at); // counts itself, not the marker
            if (length < 2 || at + length > end) {
                return Optional.empty();
            }
            if (marker >= SOF0 && marker <= SOF2) {
                // length(2) precision(1) height(2) width(2)
                if (length < 7) {
                    return Optional.empty();
                }
                int height = u16(jpeg, at + 3);
                int width = u16(jpeg, at + 5);
                return height > 0 && width > 0 ? Optional.of(new VideoSize(width, height)) : Optional.empty();
            }
            at += length;
        }
        return Optional.empty();
    }

    private static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    private static int u16(ByteBuffer b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }
}
