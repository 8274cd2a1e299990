package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Authorization header (RFC 7617 Basic, RFC 7616 Digest) as {@link Access} reads it: any
 * value gives credentials or nothing, never an exception; a Digest response of any shape is
 * checked to VALID, STALE or INVALID without one; and what a client writes (base64, quoted strings
 * with escapes) reads back as written.
 */
class CredentialsFuzzTest {

    private static final long NOW = 1_700_000_000_000L;
    private final DigestAuth digest = new DigestAuth("rill", 60_000, () -> NOW);

    @FuzzTest
    void parse(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        Optional<Credentials> credentials = Credentials.parse(header);
        if (credentials.isPresent() && credentials.get() instanceof Credentials.Digest d) {
            assertTrue(d.params().size() <= Credentials.MAX_PARAMS, "params " + d.params().size());
            for (String method : new String[] {"DESCRIBE", "ANNOUNCE"}) {
                assertNotNull(digest.check(d, method, "secret"));
            }
        }
        credentials.ifPresent(c -> assertNotNull(c.user()));
    }

    /** What a client sends reads back: Basic's user and password, Digest's quoted parameters. */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        String user = data.consumeString(40).replace(":", "");
        String password = data.consumeString(40);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Optional<Credentials> parsed = Credentials.parse("Basic " + basic);
        String u = new String(user.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String p = new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals(Optional.of(new Credentials.Basic(u, p)), parsed);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", user.strip());
        int n = data.consumeInt(0, Credentials.MAX_PARAMS - 1);
        for (int i = 0; i < n; i++) {
            String name = data.consumeAsciiString(12).replaceAll("[^a-z0-9_-]", "");
            if (!name.isEmpty()) {
                params.put(name, data.consumeString(60).strip());
            }
        }
        StringBuilder header = new StringBuilder("Digest ");
        params.forEach((name, value) -> header.append(name).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\", "));
        Optional<Credentials> digestParsed = Credentials.parse(header.toString());
        assertTrue(digestParsed.isPresent(), () -> "refused " + header);
        assertEquals(params, ((Credentials.Digest) digestParsed.get()).params(), header::toString);
    }
}
