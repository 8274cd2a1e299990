package dev.rill.server;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The config's {@code "auth"}: who may read, publish and look at the server. Missing: the server is
 * open as before (everyone reads and publishes; {@code /stats} and {@code /metrics} only from this
 * machine). Everything is checked here, so a bad entry stops start-up with the key's location.
 *
 * @param methods      {@code "digest"} and/or {@code "basic"}, offered in that order (default both)
 * @param realm        the realm of the challenges (default {@code Rill}); part of a Digest HA1
 * @param users        the users; {@code "any"} is whoever sends no credentials
 * @param nonceSeconds how long a Digest nonce is good for (default 300); an older one gets
 *                     {@code stale=true} and the client answers the new challenge
 */
record AuthConfig(List<String> methods, String realm, List<UserConfig> users, Integer nonceSeconds) {

    /** The anonymous user's name. */
    static final String ANONYMOUS = "any";

    AuthConfig {
        methods = methods != null ? List.copyOf(methods) : List.of("digest", "basic");
        if (methods.isEmpty() || !Set.of("digest", "basic").containsAll(methods) || new HashSet<>(methods).size() != methods.size()) {
            throw new IllegalArgumentException("auth.methods must list \"digest\" and/or \"basic\", each once: " + methods);
        }
        realm = realm != null ? realm : "Rill";
        if (realm.isEmpty() || realm.length() > 128 || realm.chars().anyMatch(c -> c < ' ' || c >= 127 || c == '"' || c == '\\')) {
            throw new IllegalArgumentException("auth.realm must be 1-128 printable ASCII characters without quotes or backslashes");
        }
        users = users != null ? List.copyOf(users) : List.of();
        nonceSeconds = nonceSeconds != null ? nonceSeconds : 300;
        if (nonceSeconds < 1 || nonceSeconds > 86_400) {
            throw new IllegalArgumentException("auth.nonceSeconds must be 1..86400: " + nonceSeconds);
        }
        Set<String> names = new HashSet<>();
        for (UserConfig u : users) {
            if (!names.add(u.user())) {
                throw new IllegalArgumentException("auth.users: user '" + u.user() + "' is listed twice");
            }
            if (methods.contains("digest") && u.password() != null && PasswordHash.isHash(u.password())) {
                throw new IllegalArgumentException("auth.users: user '" + u.user() + "' has only a hashed password, but"
                        + " Digest needs the plain password (the client proves it knows it by hashing it with the"
                        + " server's nonce): give the plain password, or set auth.methods to [\"basic\"]");
            }
        }
    }

    boolean digest() {
        return methods.contains("digest");
    }

    boolean basic() {
        return methods.contains("basic");
    }

    /**
     * @param user        the name; {@code "any"}: the anonymous user, who has no password
     * @param password    the plain password, or {@code pbkdf2:...} from {@code hash-password}
     * @param ips         where the user may come from, CIDR ranges (default: anywhere)
     * @param permissions what the user may do
     */
    record UserConfig(String user, String password, List<String> ips, List<PermissionConfig> permissions) {
        UserConfig {
            if (user == null || user.isEmpty() || user.length() > 128 || user.chars().anyMatch(c -> c < ' ' || c == 127 || c == ':' || c == '"')) {
                throw new IllegalArgumentException("auth.users: \"user\" must be a name of 1-128 characters without ':', quotes or control characters: " + user);
            }
            if (user.equals(ANONYMOUS) && password != null) {
                throw new IllegalArgumentException("auth.users: user 'any' is whoever sends no credentials; it takes no password");
            }
            if (!user.equals(ANONYMOUS) && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException("auth.users: user '" + user + "' needs a \"password\"");
            }
            if (password != null && password.startsWith(PasswordHash.PREFIX) && !PasswordHash.isHash(password)) {
                throw new IllegalArgumentException("auth.users: user '" + user + "': the password hash is malformed; expected "
                        + PasswordHash.FORMAT + " as printed by 'hash-password'");
            }
            ips = ips != null ? List.copyOf(ips) : List.of();
            for (String ip : ips) {
                Cidr.parse(ip).orElseThrow(() -> new IllegalArgumentException("auth.users: user '" + user
                        + "': not an address range (CIDR, e.g. 10.0.0.0/8 or ::1/128): " + ip));
            }
            permissions = permissions != null ? List.copyOf(permissions) : List.of();
        }
    }

    /**
     * @param action {@code read}, {@code publish}, {@code api} or {@code metrics}
     * @param path   a mount path, or a glob where {@code *} stands for any characters
     *               ({@code /public/*}); missing: every mount. Only for read and publish.
     */
    record PermissionConfig(String action, String path) {
        PermissionConfig {
            if (Permission.Action.named(action).isEmpty()) {
                throw new IllegalArgumentException("auth: unknown permission action '" + action
                        + "'; the actions are read, publish, api and metrics");
            }
            if (path != null && (!path.startsWith("/") || path.length() > 1024)) {
                throw new IllegalArgumentException("auth: permission path must start with '/': " + path);
            }
        }
    }
}
