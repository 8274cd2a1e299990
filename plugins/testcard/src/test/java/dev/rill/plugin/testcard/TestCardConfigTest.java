package dev.rill.plugin.testcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TestCardConfigTest {

    @Test
    void missingKeysTakeTheirDefaults() {
        TestCardConfig config = TestCardConfig.defaults();
        assertEquals(320, config.width());
        assertEquals(240, config.height());
        assertNull(config.fps(), "fps stays unset: the server's default applies");
        assertEquals(0.75, config.quality());
    }

    @Test
    void fpsFallsBackToTheServerDefault() {
        assertEquals(20.0, TestCardConfig.defaults().fpsOr(20));
        assertEquals(12.5, new TestCardConfig(null, null, 12.5, null).fpsOr(20));
    }

    @Test
    void aServerDefaultAboveSixtyIsRefusedNamingFps() {
        assertRejected("fps", () -> TestCardConfig.defaults().fpsOr(100));
    }

    @Test
    void acceptsTheLimits() {
        TestCardConfig config = new TestCardConfig(16, 2040 - 2040 % 16, 60.0, 1.0);
        assertEquals(16, config.width());
        assertEquals(2032, config.height());
    }

    @Test
    void rejectsWidthsOutOfRangeOrNotMultiplesOfSixteen() {
        assertRejected("width", () -> new TestCardConfig(0, null, null, null));
        assertRejected("width", () -> new TestCardConfig(2048, null, null, null));
        assertRejected("width", () -> new TestCardConfig(328, null, null, null));
    }

    @Test
    void rejectsHeightsOutOfRangeOrNotMultiplesOfSixteen() {
        assertRejected("height", () -> new TestCardConfig(null, 8, null, null));
        assertRejected("height", () -> new TestCardConfig(null, 4096, null, null));
        assertRejected("height", () -> new TestCardConfig(null, 250, null, null));
    }

    @Test
    void rejectsFpsOutsideZeroToSixty() {
        assertRejected("fps", () -> new TestCardConfig(null, null, 0.0, null));
        assertRejected("fps", () -> new TestCardConfig(null, null, 60.5, null));
        assertRejected("fps", () -> new TestCardConfig(null, null, Double.NaN, null));
    }

    @Test
    void rejectsQualityOutsideZeroToOne() {
        assertRejected("quality", () -> new TestCardConfig(null, null, null, 0.0));
        assertRejected("quality", () -> new TestCardConfig(null, null, null, 1.01));
    }

    private static void assertRejected(String key, Executable creation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
