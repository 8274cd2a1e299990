package dev.rill.wire;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Session header (RFC 2326 §12.37): {@code 12345678} or {@code 12345678;timeout=60}.
 * Parameters other than {@code timeout} are skipped when parsing.
 *
 * @param id             the session id: visible ASCII without {@code ;} or {@code ,}
 * @param timeoutSeconds how long the server keeps the session without a request, in seconds
 */
public record SessionHeader(String id, OptionalInt timeoutSeconds) {

    public SessionHeader {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ';' || c == ',')) {
            throw new IllegalArgumentException("session id must be visible ASCII without ';' or ',': '" + id + "'");
        }
        Objects.requireNonNull(timeoutSeconds, "timeoutSeconds").ifPresent(t -> {
            if (t < 0) {
                throw new IllegalArgumentException("session timeout must not be negative: " + t);
            }
        });
    }

    /** A session id without a timeout. */
    public static SessionHeader of(String id) {
        return new SessionHeader(id, OptionalInt.empty());
    }

    /** A session id with {@code ;timeout=}. */
    public static SessionHeader of(String id, int timeoutSeconds) {
        return new SessionHeader(id, OptionalInt.of(timeoutSeconds));
    }

    /**
     * The Session header value; white space around {@code ;} and {@code =} allowed.
     *
     * @throws IllegalArgumentException naming what could not be parsed
     */
    public static SessionHeader parse(String headerValue) {
        String[] parts = headerValue.split(";", -1);
        String id = parts[0].trim();
        OptionalInt timeout = OptionalInt.empty();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String name = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            if (name.equals("timeout")) {
                String value = equals < 0 ? "" : parts[i].substring(equals + 1).trim();
                if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("not a Session header '" + headerValue + "': bad timeout");
                }
                timeout = OptionalInt.of(Integer.parseInt(value));
            }
        }
        try {
            return new SessionHeader(id, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Session header '" + headerValue + "': " + e.getMessage(), e);
        }
    }

    /** The header value: {@code id} or {@code id;timeout=n}. */
    public String format() {
        return timeoutSeconds.isPresent() ? id + ";timeout=" + timeoutSeconds.getAsInt() : id;
    }
}
