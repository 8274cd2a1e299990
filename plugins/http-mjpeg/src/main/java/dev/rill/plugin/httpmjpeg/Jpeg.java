package dev.rill.plugin.httpmjpeg;

import dev.rill.spi.VideoSize;
import java.util.Arrays;
import java.util.Optional;

/** What this source checks of a JPEG (ITU T.81 Annex B markers), without decoding it. */
final class Jpeg {

    /** Bytes after EOI that cameras pad parts with (CR, LF, spaces, zeros) and that are trimmed. */
    static final int MAX_TRAILING_PADDING = 64;

    private Jpeg() {
    }

    /**
     * The JPEG in {@code part}: SOI at the start and EOI at the end (after trimming at most
     * {@link #MAX_TRAILING_PADDING} bytes of padding); empty when it is not one.
     */
    static Optional<byte[]> complete(byte[] part) {
        int end = part.length;
        while (end > 0 && part.length - end < MAX_TRAILING_PADDING && isPadding(part[end - 1])) {
            end--;
        }
        if (end < 4 || (part[0] & 0xFF) != 0xFF || (part[1] & 0xFF) != 0xD8
                || (part[end - 2] & 0xFF) != 0xFF || (part[end - 1] & 0xFF) != 0xD9) {
            return Optional.empty();
        }
        return Optional.of(end == part.length ? part : Arrays.copyOf(part, end));
    }

    private static boolean isPadding(byte b) {
        return b == '\r' || b == '\n' || b == ' ' || b == 0;
    }

    /**
     * Width and height from the first SOF segment (SOF0..SOF15 but DHT, JPG and DAC), walking the
     * marker segments from SOI; empty when there is none before SOS or the segments do not add up.
     */
    static Optional<VideoSize> size(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;   // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return Optional.empty();
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && at + 9 <= jpeg.length) {
                int height = ((jpeg[at + 5] & 0xFF) << 8) | (jpeg[at + 6] & 0xFF);
                int width = ((jpeg[at + 7] & 0xFF) << 8) | (jpeg[at + 8] & 0xFF);
                return width > 0 && height > 0 ? Optional.of(new VideoSize(width, height)) : Optional.empty();
            }
            if (length < 2) {
                return Optional.empty();
            }
            at += 2 + length;
        }
        return Optional.empty();
    }
}
