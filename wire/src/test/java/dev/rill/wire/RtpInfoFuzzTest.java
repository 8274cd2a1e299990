package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** RTP-Info (RFC 2326 §12.33) of a PLAY reply: parses or is refused with {@link IllegalArgumentException}; round-trips. */
class RtpInfoFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String value = FuzzText.headerValue(input);
        RtpInfo info;
        try {
            info = RtpInfo.parse(value);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(info, RtpInfo.parse(info.format()), () -> "'" + value + "' -> '" + info.format() + "'");
    }
}
