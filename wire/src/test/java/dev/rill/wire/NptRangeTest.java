package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Range: npt= (RFC 2326 §3.6, §12.29) as wire text, both ways. */
class NptRangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "npt=0-                            | npt=0.000-",
            "npt=0.000-                        | npt=0.000-",
            "npt=10.5-20                       | npt=10.500-20.000",
            "npt=now-                          | npt=now-",
            "npt=1:02:03.5-                    | npt=3723.500-",
            "npt=-20                           | npt=-20.000",
            "npt=now-20                        | npt=-20.000",
            "NPT = 1.25 -                      | npt=1.250-",
            "npt=5-7;time=19970123T143720Z     | npt=5.000-7.000",
            "npt=0:00:00-0:00:01.0005          | npt=0.000-1.000",
            "npt=12.-                          | npt=12.000-"})
    void parsesAndFormatsCanonically(String wire, String canonical) {
        NptRange range = NptRange.parse(wire);
        assertEquals(canonical, range.format());
        assertEquals(range.format(), NptRange.parse(range.format()).format());
    }

    @Test
    void modelsStartAndEnd() {
        assertEquals(new NptRange(Optional.of(Duration.ofMillis(10_500)), Optional.of(Duration.ofSeconds(20))),
                NptRange.parse("npt=10.5-20"));
        assertEquals(NptRange.now(), NptRange.parse("npt=now-"));
        assertEquals(NptRange.from(Duration.ZERO), NptRange.parse("npt=0-"));
        assertEquals(new NptRange(Optional.empty(), Optional.of(Duration.ofSeconds(20))), NptRange.parse("npt=-20"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"smpte=10:07:33-", "smpte-25=10:07:33:06.01-", "clock=19961108T142300Z-19961108T143520Z"})
    void otherUnitsAreUnsupportedRatherThanInvalid(String wire) {
        assertThrows(UnsupportedRangeException.class, () -> NptRange.parse(wire));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "npt=", "npt=-", "npt=abc-", "npt=20-10", "npt=1:60:00-", "npt=10", "0-",
            "bogus=1-", "npt=1-now", "npt=-1-", "npt=1:2-"})
    void rejectsWhatIsNotAnNptRange(String wire) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NptRange.parse(wire));
        assertFalse(e instanceof UnsupportedRangeException);
    }
}
