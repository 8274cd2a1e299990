package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Session (RFC 2326 §12.37) as wire text, both ways. */
class SessionHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "12345678;timeout=60            | 12345678;timeout=60",
            "000022B8                       | 000022B8",
            "123456                         | 123456",
            "'  12345678 ; Timeout = 60 '   | 12345678;timeout=60",
            "abc$-_.+;timeout=5;x=1         | abc$-_.+;timeout=5"})
    void parsesAndFormatsCanonically(String wire, String canonical) {
        assertEquals(canonical, SessionHeader.parse(wire).format());
    }

    @Test
    void modelsIdAndTimeout() {
        assertEquals(new SessionHeader("12345678", OptionalInt.of(60)), SessionHeader.parse("12345678;timeout=60"));
        assertEquals(SessionHeader.of("123456"), SessionHeader.parse("123456"));
        assertEquals("42;timeout=30", SessionHeader.of("42", 30).format());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ";timeout=60", "a b", "12;timeout=x", "12;timeout=", "12;timeout=-1", "a,b"})
    void rejectsWhatIsNotASessionHeader(String wire) {
        assertThrows(IllegalArgumentException.class, () -> SessionHeader.parse(wire));
    }
}
