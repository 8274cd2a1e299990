package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Session header (RFC 2326 §12.37): parses or is refused with {@link IllegalArgumentException}; round-trips. */
class SessionHeaderFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String value = FuzzText.headerValue(input);
        SessionHeader header;
        try {
            header = SessionHeader.parse(value);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(header, SessionHeader.parse(header.format()), () -> "'" + value + "' -> '" + header.format() + "'");
    }
}
