package dev.rill.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code Authorization} header taken apart: Basic (RFC 7617) or Digest (RFC 7616). Anything
 * else, or a malformed one, is empty. The header's length is bounded by the request decoders.
 */
sealed interface Credentials {

    /** Digest parameters taken; more is malformed. */
    int MAX_PARAMS = 16;

    String user();

    record Basic(String user, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + user + "]"; // never the password
        }
    }

    record Digest(String user, Map<String, String> params) implements Credentials {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    static Optional<Credentials> parse(String header) {
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = h.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = h.substring(space + 1).strip();
        if (scheme.equals("basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty()
                        : Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (scheme.equals("digest")) {
            return params(rest).filter(p -> p.containsKey("username")).map(p -> new Digest(p.get("username"), p));
        }
        return Optional.empty();
    }

    /** {@code name=value} or {@code name="quoted \" value"}, comma separated. */
    private static Optional<Map<String, String>> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0 || out.size() >= MAX_PARAMS) {
                return Optional.empty();
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        value.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(name, value.toString().strip());
        }
        return Optional.of(out);
    }
}
