package dev.rill.server;

import java.util.Locale;
import java.util.Optional;

/** One thing a user may do: an action, on every mount or on the mounts a path glob matches. */
record Permission(Action action, Optional<String> path) {

    /** What a request needs. */
    enum Action {
        /** DESCRIBE, SETUP and PLAY of a mount; HTTP streams and snapshots. */
        READ,
        /** ANNOUNCE, RECORD, SETUP with {@code mode=record}. */
        PUBLISH,
        /** {@code /stats}, the web page's data under {@code /api}, other plugin routes. */
        API,
        /** {@code /metrics}. */
        METRICS;

        static Optional<Action> named(String name) {
            for (Action a : values()) {
                if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    static Permission of(AuthConfig.PermissionConfig config) {
        return new Permission(Action.named(config.action()).orElseThrow(), Optional.ofNullable(config.path()));
    }

    /** Whether this permits {@code wanted} on {@code mountPath} (null: a request that names no mount). */
    boolean permits(Action wanted, String mountPath) {
        if (wanted != action) {
            return false;
        }
        return path.isEmpty() || mountPath != null && matches(path.get(), mountPath);
    }

    /** A glob match where {@code *} stands for any run of characters, {@code /} included. */
    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        // Classic two-pointer wildcard match: linear in practice, bounded by glob x text.
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
