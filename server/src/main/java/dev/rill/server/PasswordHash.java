package dev.rill.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Stored passwords: {@code pbkdf2:sha256:<iterations>:<salt, base64>:<hash, base64>} with the JDK's
 * PBKDF2WithHmacSHA256, made by {@code hash-password}; or the plain password. Compared in
 * constant time.
 */
final class PasswordHash {

    static final String PREFIX = "pbkdf2:";
    static final String FORMAT = "pbkdf2:sha256:<iterations>:<salt base64>:<hash base64>";
    static final int DEFAULT_ITERATIONS = 310_000;
    /** Bounds on a stored hash's iterations: fewer is weak, more would let a config stall every login. */
    static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private PasswordHash() {
    }

    /** A new hash of {@code password} with a random salt. */
    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "sha256:" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /** Whether {@code stored} is a well-formed hash (a plain password may not begin with {@code pbkdf2:}). */
    static boolean isHash(String stored) {
        return parts(stored) != null;
    }

    /** Whether {@code password} is the one {@code stored} (a hash or the plain password) stands for. */
    static boolean matches(String stored, String password) {
        String[] p = parts(stored);
        if (p == null) {
            return MessageDigest.isEqual(sha256(stored), sha256(password));
        }
        Base64.Decoder d = Base64.getDecoder();
        byte[] expected = d.decode(p[4]);
        byte[] actual = derive(password.toCharArray(), d.decode(p[3]), Integer.parseInt(p[2]), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static String[] parts(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        String[] p = stored.split(":", -1);
        if (p.length != 5 || !p[1].equals("sha256") || !p[2].matches("\\d{1,8}")) {
            return null;
        }
        int iterations = Integer.parseInt(p[2]);
        try {
            byte[] salt = Base64.getDecoder().decode(p[3]);
            byte[] hash = Base64.getDecoder().decode(p[4]);
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16 || hash.length > 64) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return p;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
