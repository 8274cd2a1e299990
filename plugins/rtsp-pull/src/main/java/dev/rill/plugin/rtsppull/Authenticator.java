package dev.rill.plugin.rtsppull;

import dev.rill.plugin.rtsppull.UpstreamUrl.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers an upstream's 401 with the URL's credentials: HTTP Basic (RFC 7617) or Digest with
 * MD5 (RFC 2617, RFC 7616 §3.4; {@code qop=auth} when offered, the RFC 2069 form when not),
 * Digest preferred. After a challenge every request carries an Authorization header; a Digest
 * answer counts its nonce uses ({@code nc}). Thread-safe: a TEARDOWN
 * may be sent while a request is under way.
 */
final class Authenticator {

    /** Longest WWW-Authenticate value looked at. */
    static final int MAX_CHALLENGE_LENGTH = 4096;
    /** Most parameters read from one challenge. */
    static final int MAX_PARAMETERS = 32;

    /** One challenge of a WWW-Authenticate header: its scheme, lower case, and parameters. */
    record Challenge(String scheme, Map<String, String> parameters) {
    }

    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private Optional<Challenge> chosen = Optional.empty();
    private int nonceCount;

    /** @param cnonces client nonces for Digest with qop, a fresh one per request */
    Authenticator(Credentials credentials, Supplier<String> cnonces) {
        this.credentials = credentials;
        this.cnonces = cnonces;
    }

    /**
     * Takes the WWW-Authenticate values of a 401 (one challenge each).
     *
     * @return false when none is a scheme this class can answer (Basic, Digest with MD5 and
     *         {@code qop} absent or offering {@code auth})
     */
    synchronized boolean challenged(List<String> headerValues) {
        Optional<Challenge> basic = Optional.empty();
        for (String value : headerValues) {
            Optional<Challenge> c = parse(value);
            if (c.isEmpty()) {
                continue;
            }
            if (c.get().scheme().equals("digest") && digestUsable(c.get())) {
                chosen = c;
                nonceCount = 0;
                return true;
            }
            if (c.get().scheme().equals("basic") && basic.isEmpty()) {
                basic = c;
            }
        }
        if (basic.isPresent()) {
            chosen = basic;
            return true;
        }
        return false;
    }

    /** The scheme answered, once challenged. */
    synchronized Optional<String> scheme() {
        return chosen.map(Challenge::scheme);
    }

    /** The Authorization header value for a request, once challenged. */
    synchronized Optional<String> authorization(String method, String uri) {
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Challenge c = chosen.get();
        if (c.scheme().equals("basic")) {
            String pair = credentials.user() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> p = c.parameters();
        String realm = p.getOrDefault("realm", "");
        String nonce = p.getOrDefault("nonce", "");
        String ha1 = md5(credentials.user() + ":" + realm + ":" + credentials.password());
        String ha2 = md5(method + ":" + uri);
        StringBuilder out = new StringBuilder("Digest username=\"").append(quote(credentials.user()))
                .append("\", realm=\"").append(quote(realm)).append("\", nonce=\"").append(quote(nonce))
                .append("\", uri=\"").append(quote(uri)).append('"');
        if (offersAuth(p)) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            String cnonce = cnonces.get();
            out.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2))
                    .append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            out.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (p.containsKey("algorithm")) {
            out.append(", algorithm=").append(p.get("algorithm"));
        }
        if (p.containsKey("opaque")) {
            out.append(", opaque=\"").append(quote(p.get("opaque"))).append('"');
        }
        return Optional.of(out.toString());
    }

    /**
     * One challenge: {@code scheme} then comma-separated {@code name=token} or
     * {@code name="quoted string"} parameters (RFC 7235 §2.1); empty when malformed or too long.
     */
    static Optional<Challenge> parse(String value) {
        if (value.length() > MAX_CHALLENGE_LENGTH) {
            return Optional.empty();
        }
        String s = value.strip();
        int space = s.indexOf(' ');
        String scheme = (space < 0 ? s : s.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? s.length() : space + 1;
        while (i < s.length() && parameters.size() < MAX_PARAMETERS) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    return Optional.empty(); // unterminated quoted string
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    v.append(s.charAt(i++));
                }
            }
            parameters.put(name, v.toString().strip());
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(parameters)));
    }

    private static boolean digestUsable(Challenge c) {
        String algorithm = c.parameters().getOrDefault("algorithm", "MD5");
        boolean qopOk = !c.parameters().containsKey("qop") || offersAuth(c.parameters());
        return algorithm.equalsIgnoreCase("MD5") && qopOk && c.parameters().containsKey("nonce");
    }

    private static boolean offersAuth(Map<String, String> p) {
        String qop = p.get("qop");
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String md5(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
