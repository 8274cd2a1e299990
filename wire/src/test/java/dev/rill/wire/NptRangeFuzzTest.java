package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The Range header (RFC 2326 §12.29): npt parses or is refused with {@link IllegalArgumentException};
 * a clock or smpte range is refused with {@link UnsupportedRangeException} (a 501, not a 457);
 * what parses formats (to the millisecond) to a value that parses to the same range.
 */
class NptRangeFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String value = FuzzText.headerValue(input);
        NptRange range;
        try {
            range = NptRange.parse(value);
        } catch (UnsupportedRangeException e) {
            assertTrue(unit(value).startsWith("smpte") || unit(value).equals("clock"), e.getMessage());
            return;
        } catch (IllegalArgumentException refused) {
            assertFalse(unit(value).equals("clock") || unit(value).equals("smpte"), refused.getMessage());
            return;
        }
        assertEquals(unit(value), "npt");
        NptRange millis = new NptRange(range.start().map(NptRangeFuzzTest::millis), range.end().map(NptRangeFuzzTest::millis));
        assertEquals(millis, NptRange.parse(range.format()), () -> "'" + value + "' -> '" + range.format() + "'");
    }

    private static Duration millis(Duration d) {
        return d.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The unit before '=', as parse reads it. */
    private static String unit(String value) {
        String v = value.trim();
        int semicolon = v.indexOf(';');
        v = semicolon >= 0 ? v.substring(0, semicolon).trim() : v;
        int equals = v.indexOf('=');
        return equals <= 0 ? "" : v.substring(0, equals).trim().toLowerCase(Locale.ROOT);
    }
}
