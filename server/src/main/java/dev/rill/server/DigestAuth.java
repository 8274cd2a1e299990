package dev.rill.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 7616 Digest with MD5 and SHA-256, {@code qop=auth} (and the RFC 2069 form without qop, which
 * GStreamer sends). A nonce is a time stamp and its HMAC under a key made at start-up, so the
 * server needs no table of nonces it gave out: a nonce it did not make fails, an old one is stale.
 * With {@code qop=auth} the nonce count must grow: the highest {@code nc} seen per nonce is kept
 * for the last {@link #MAX_COUNTED} nonces, and a count not above it is answered as stale (the
 * client retries with a fresh nonce). The RFC 2069 form has no count, so its replays within a
 * nonce's life pass.
 */
final class DigestAuth {

    /** The challenge algorithms, strongest first; clients that take the last Digest challenge (ffmpeg) get MD5. */
    static final List<String> ALGORITHMS = List.of("SHA-256", "MD5");
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 8 + 8 + MAC_BYTES;
    /** Nonces whose highest count is remembered; the least recently used is forgotten first. */
    static final int MAX_COUNTED = 4096;

    private final String realm;
    private final long lifeMillis;
    private final LongSupplier clock;
    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > MAX_COUNTED;
        }
    };

    /** What a response's nonce and digest came to. */
    enum Result { VALID, STALE, INVALID }

    DigestAuth(String realm, long lifeMillis, LongSupplier clock) {
        this.realm = realm;
        this.lifeMillis = lifeMillis;
        this.clock = clock;
        random.nextBytes(key);
    }

    /** The {@code WWW-Authenticate} values, one per algorithm. */
    List<String> challenges(boolean stale) {
        String nonce = nonce();
        return ALGORITHMS.stream().map(a -> "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + a
                + ", qop=\"auth\"" + (stale ? ", stale=true" : "")).toList();
    }

    /** A time stamp, 8 random bytes (so two nonces of one millisecond differ), and their HMAC. */
    String nonce() {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        long now = clock.getAsLong();
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(now).put(salt).put(mac(now, salt));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private byte[] mac(long time, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(ByteBuffer.allocate(8).putLong(time).array());
            return Arrays.copyOf(mac.doFinal(salt), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks a Digest response for {@code method}; {@code password} is the user's plain password.
     * STALE: the digest is right but the nonce has expired.
     */
    Result check(Credentials.Digest d, String method, String password) {
        String algorithm = d.param("algorithm").isEmpty() ? "MD5" : d.param("algorithm").toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm) || !d.param("realm").equals(realm)) {
            return Result.INVALID;
        }
        String nonce = d.param("nonce");
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Result.INVALID;
        }
        if (raw.length != NONCE_BYTES) {
            return Result.INVALID;
        }
        long time = ByteBuffer.wrap(raw).getLong();
        if (!MessageDigest.isEqual(mac(time, Arrays.copyOfRange(raw, 8, 16)), Arrays.copyOfRange(raw, 16, raw.length))) {
            return Result.INVALID;
        }
        String expected = response(algorithm, d.user(), password, method, d.param("uri"), nonce,
                d.param("qop"), d.param("nc"), d.param("cnonce"));
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                d.param("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Result.INVALID;
        }
        long age = clock.getAsLong() - time;
        if (age < 0 || age > lifeMillis) {
            return Result.STALE;
        }
        return d.param("qop").isEmpty() || counted(nonce, d.param("nc")) ? Result.VALID : Result.STALE;
    }

    /** Whether {@code nc} is above every count seen with {@code nonce}, which it then becomes. */
    private synchronized boolean counted(String nonce, String nc) {
        if (!nc.matches("[0-9a-fA-F]{1,8}")) {
            return false;
        }
        long count = Long.parseLong(nc, 16);
        Long before = counts.get(nonce);
        if (before != null && count <= before) {
            return false;
        }
        counts.put(nonce, count);
        return true;
    }

    /** The response a client computes (RFC 7616 §3.4.1); null for a qop other than auth. */
    String response(String algorithm, String user, String password, String method, String uri, String nonce,
                    String qop, String nc, String cnonce) {
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        if (qop.isEmpty()) {
            return hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        }
        if (!qop.equals("auth")) {
            return null;
        }
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
