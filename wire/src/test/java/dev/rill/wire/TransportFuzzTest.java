package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The Transport header (RFC 2326 §12.39) in both directions: a client's offers (SETUP request)
 * and a server's choice (SETUP reply, as rtsp-pull reads an upstream's). Only
 * {@link IllegalArgumentException} may come out, and what parses formats to a canonical form
 * that parses to the same transports.
 */
class TransportFuzzTest {

    @FuzzTest
    void parseRequest(byte[] input) {
        roundTrip(FuzzText.headerValue(input));
    }

    @FuzzTest
    void parseReply(byte[] input) {
        List<Transport> reply = roundTrip(FuzzText.headerValue(input));
        if (!reply.isEmpty()) {
            Transport chosen = reply.getFirst(); // what UpstreamSession takes
            assertEquals(chosen, Transport.parse(chosen.format()));
        }
    }

    private static List<Transport> roundTrip(String value) {
        List<Transport> parsed;
        try {
            parsed = Transport.parseList(value);
        } catch (IllegalArgumentException refused) {
            return List.of();
        }
        String canonical = Transport.formatList(parsed);
        assertEquals(parsed, Transport.parseList(canonical), () -> "'" + value + "' -> '" + canonical + "'");
        return parsed;
    }
}
