package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "4588-4589     | 4588  | 4589  | 4588-4589",
            "25000         | 25000 | 25000 | 25000",
            "0-1           | 0     | 1     | 0-1",
            "65535         | 65535 | 65535 | 65535",
            "'  25000 '    | 25000 | 25000 | 25000",
            "4588 - 4589   | 4588  | 4589  | 4588-4589",
            "7-7           | 7     | 7     | 7"})
    void parsesAndFormatsCanonically(String wire, int first, int last, String canonical) {
        PortRange range = PortRange.parse(wire);
        assertEquals(new PortRange(first, last), range);
        assertEquals(canonical, range.toString());
        assertEquals(range, PortRange.parse(range.toString()));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "-", "a-b", "65536", "5-4", "1-2-3", "-5", "5-", "123456", "+5", "0x10"})
    void rejectsWhatIsNotAPortRange(String wire) {
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse(wire));
    }

    @Test
    void countsItsPorts() {
        assertEquals(2, new PortRange(4588, 4589).count());
        assertEquals(1, PortRange.of(25000).count());
    }
}
