package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleClipConfigTest {

    @Test
    void missingKeysTakeTheirDefaults() {
        SampleClipConfig config = new SampleClipConfig(null, null);
        assertEquals(OptionalDouble.empty(), config.frameRate());
        assertFalse(config.loop());
    }

    @Test
    void fpsOutsideTheRangeIsRejectedNamingTheKey() {
        assertEquals("fps must be in (0, 240]: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SampleClipConfig(-1.0, null)).getMessage());
    }
}
