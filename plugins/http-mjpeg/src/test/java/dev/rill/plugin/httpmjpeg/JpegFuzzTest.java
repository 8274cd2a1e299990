package dev.rill.plugin.httpmjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.VideoSize;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart body into {@link Jpeg#complete} and {@link Jpeg#size}: the JPEG found is the body
 * less at most {@link Jpeg#MAX_TRAILING_PADDING} bytes of padding, SOI to EOI; the size, when
 * found, is the one an SOF segment states. Seeds: {@link FuzzSeedWriter}.
 */
class JpegFuzzTest {

    @FuzzTest
    void scan(byte[] part) {
        Optional<byte[]> jpeg = Jpeg.complete(part);
        if (jpeg.isPresent()) {
            byte[] j = jpeg.get();
            assertTrue(j.length >= 4 && part.length - j.length <= Jpeg.MAX_TRAILING_PADDING);
            assertArrayEquals(Arrays.copyOf(part, j.length), j);
            assertEquals(0xFFD8, (j[0] & 0xFF) << 8 | (j[1] & 0xFF));
            assertEquals(0xFFD9, (j[j.length - 2] & 0xFF) << 8 | (j[j.length - 1] & 0xFF));
        }
        Optional<VideoSize> size = Jpeg.size(part);
        size.ifPresent(s -> assertTrue(s.width() > 0 && s.height() > 0));
    }
}
