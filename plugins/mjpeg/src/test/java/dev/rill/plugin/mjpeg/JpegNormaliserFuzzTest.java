package dev.rill.plugin.mjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;

import javax.imageio.plugins.jpeg.JPEGQTable;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * JPEGs the parser accepts into {@link JpegNormaliser}: a {@link JpegFormatException}, or a JPEG
 * that parses again, is RFC 2435-carriable, keeps the picture's size (up to the 2040-pixel
 * limit), and whose quantisation tables normalising again would keep (the tables are idempotent;
 * the bytes are not, every encoding is lossy). Seeds: {@link FuzzSeedWriter}.
 */
class JpegNormaliserFuzzTest {

    @FuzzTest
    void normalise(byte[] input) {
        JpegImage image;
        byte[] normalised;
        try {
            image = JpegParser.parse(input);
            normalised = JpegNormaliser.normalise(image);
        } catch (JpegFormatException refused) {
            return;
        }
        JpegImage again;
        try {
            again = JpegParser.parse(normalised);
        } catch (JpegFormatException e) {
            fail("the normaliser wrote a JPEG its parser refuses: " + e.getMessage());
            return;
        }
        assertEquals(Optional.empty(), Rfc2435Constraints.whyNot(again));
        if (image.width() <= Rfc2435Header.MAX_DIMENSION && image.height() <= Rfc2435Header.MAX_DIMENSION) {
            assertEquals(image.width(), again.width());
            assertEquals(image.height(), again.height());
        }
        JPEGQTable[] first = JpegNormaliser.quantTables(image);
        JPEGQTable[] second = JpegNormaliser.quantTables(again);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(first[i].getTable(), second[i].getTable(), "table " + i + " changed: "
                    + Arrays.toString(first[i].getTable()) + " then " + Arrays.toString(second[i].getTable()));
        }
    }
}
