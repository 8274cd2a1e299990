package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MjpegFileConfigTest {

    private static String rejection(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    void missingOptionalKeysTakeTheirDefaults() {
        MjpegFileConfig config = new MjpegFileConfig("a.Mjpeg", null, null, null);
        assertEquals(OptionalDouble.empty(), config.frameRate());
        assertFalse(config.loop());
        assertEquals(1L << 30, config.maxFileBytes());
    }

    @Test
    void givenFpsIsKept() {
        assertEquals(OptionalDouble.of(240), new MjpegFileConfig("a.Mjpeg", 240.0, false, null).frameRate());
    }

    @Test
    void fpsOutsideTheRangeIsRejectedNamingTheKey() {
        assertEquals("fps must be in (0, 240]: 0.0", rejection(() -> new MjpegFileConfig("a.Mjpeg", 0.0, null, null)));
        assertEquals("fps must be in (0, 240]: 240.5", rejection(() -> new MjpegFileConfig("a.Mjpeg", 240.5, null, null)));
        assertEquals("fps must be in (0, 240]: NaN", rejection(() -> new MjpegFileConfig("a.Mjpeg", Double.NaN, null, null)));
    }

    @Test
    void missingOrBlankFileIsRejectedNamingTheKey() {
        assertEquals("file must name a .Mjpeg file: missing", rejection(() -> new MjpegFileConfig(null, null, null, null)));
        assertEquals("file must name a .Mjpeg file: ' '", rejection(() -> new MjpegFileConfig(" ", null, null, null)));
    }

    @Test
    void maxFileBytesOutsideTheRangeIsRejectedNamingTheKey() {
        assertEquals("maxFileBytes must be in [1, 1099511627776]: 0", rejection(() -> new MjpegFileConfig("a.Mjpeg", null, null, 0L)));
    }
}
