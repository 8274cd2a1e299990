package dev.rill.plugin.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Accept fields of a DESCRIBE (RFC 2326 §12.1): any values answer allowed or not, never an
 * exception; a field that names {@code application/sdp} with no q wins over anything less
 * specific; and the answer does not depend on how ranges are spread over fields.
 */
class AcceptHeaderFuzzTest {

    @FuzzTest
    void allows(byte[] input) {
        // One Accept field per line, as the decoder hands them on (ISO-8859-1).
        List<String> fields = List.of(new String(input, StandardCharsets.ISO_8859_1).split("[\r\n]", 8));
        boolean allowed = AcceptHeader.allows(fields, "application", "sdp");
        assertEquals(allowed, AcceptHeader.allows(List.of(String.join(",", fields)), "application", "sdp"),
                "one field or several");
        List<String> withSdp = new ArrayList<>(fields);
        withSdp.add("application/sdp");
        if (fields.stream().noneMatch(f -> f.toLowerCase(java.util.Locale.ROOT).contains("application/sdp"))) {
            assertTrue(AcceptHeader.allows(withSdp, "application", "sdp"), "explicit application/sdp refused");
        }
    }
}
