package dev.rill.server;

import dev.rill.spi.VideoSize;
import java.util.Optional;

/**
 * A JPEG's picture size from its frame header (SOF0..SOF15 but DHT, JPG and DAC), read without
 * decoding: for DESCRIBE and the page, which want the size of a published stream.
 */
final class JpegSize {

    private JpegSize() {
    }

    /** The size the frame header states; empty when there is none before the scan, or it is zero. */
    static Optional<VideoSize> of(byte[] jpeg) {
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader && i + 9 <= jpeg.length) {
                int height = (jpeg[i + 5] & 0xFF) << 8 | (jpeg[i + 6] & 0xFF);
                int width = (jpeg[i + 7] & 0xFF) << 8 | (jpeg[i + 8] & 0xFF);
                return width > 0 && height > 0 ? Optional.of(new VideoSize(width, height)) : Optional.empty();
            }
            if (marker == 0xDA || length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }
}
