package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * WWW-Authenticate values from an upstream's 401 (RFC 7235 §4.1): any value is a challenge or
 * nothing, never an exception; the parameters stay within {@link Authenticator#MAX_PARAMETERS};
 * and the Authorization answered to a challenge is one header line (nothing the upstream sent can
 * end it early or add a field).
 */
class AuthenticatorFuzzTest {

    @FuzzTest
    void challenged(byte[] input) {
        // Values as the decoder hands them on: ISO-8859-1, one per field (split at CR or LF, which no value holds).
        List<String> values = Arrays.stream(new String(input, StandardCharsets.ISO_8859_1).split("[\r\n]"))
                .limit(4).toList();
        for (String value : values) {
            Authenticator.parse(value).ifPresent(c -> {
                assertFalse(c.scheme().isEmpty());
                assertTrue(c.parameters().size() <= Authenticator.MAX_PARAMETERS, "parameters " + c.parameters().size());
            });
        }
        Authenticator auth = new Authenticator(new UpstreamUrl.Credentials("user", "p\"w\\d"), () -> "0a4f113b");
        if (!auth.challenged(values)) {
            return;
        }
        for (int i = 0; i < 2; i++) {
            Optional<String> answer = auth.authorization("DESCRIBE", "rtsp://cam.example/live");
            assertTrue(answer.isPresent());
            String header = answer.get();
            assertFalse(header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0, header);
        }
    }
}
