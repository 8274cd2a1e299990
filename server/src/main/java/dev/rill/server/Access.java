package dev.rill.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a request comes from and whether they may do what it asks, for RTSP and HTTP alike, from the
 * config's {@code "auth"} ({@link AuthConfig}). Without one the server is open: everyone reads and
 * publishes, and only peers on this machine see {@code api} and {@code metrics}. Failed logins are
 * logged with the address (never the password) and counted ({@link AuthFailures}).
 */
final class Access {

    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    /** The parts of a request that decide: its method, target (for Digest's uri), Authorization, peer. */
    record Request(String method, String target, Optional<String> authorization, InetAddress peer) {
    }

    /**
     * Who sent a request: a user, or anonymous (empty); or a refusal when the credentials were
     * wrong, the nonce stale, or the address is waiting.
     */
    record Identity(Optional<String> user, Optional<Refusal> refusal) {
        static final Identity ANONYMOUS = new Identity(Optional.empty(), Optional.empty());
    }

    /**
     * An answer other than going ahead.
     *
     * @param status            401, 403 or 429
     * @param challenges        the {@code WWW-Authenticate} values (401 only)
     * @param retryAfterSeconds the {@code Retry-After} value (429 only)
     */
    record Refusal(int status, String reason, List<String> challenges, long retryAfterSeconds) {
    }

    private record User(String name, String password, List<Cidr> ips, List<Permission> permissions) {
        boolean permits(Permission.Action action, String path) {
            return permissions.stream().anyMatch(p -> p.permits(action, path));
        }
    }

    private final Optional<AuthConfig> config;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final DigestAuth digest;
    private final AuthFailures failures = new AuthFailures();
    private final LongSupplier clock;

    Access(Optional<AuthConfig> config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        AuthConfig c = config.orElse(null);
        this.digest = c == null ? null : new DigestAuth(c.realm(), c.nonceSeconds() * 1000L, clock);
        if (c != null) {
            for (AuthConfig.UserConfig u : c.users()) {
                users.put(u.user(), new User(u.user(), u.password(),
                        u.ips().stream().map(ip -> Cidr.parse(ip).orElseThrow()).toList(),
                        u.permissions().stream().map(Permission::of).toList()));
            }
        }
    }

    static Access of(ServerConfig config) {
        return new Access(Optional.ofNullable(config.auth()), System::currentTimeMillis);
    }

    /** Whether the config has {@code "auth"}. */
    boolean configured() {
        return config.isPresent();
    }

    /** The start-up log line. */
    void logMode() {
        if (config.isEmpty()) {
            LOG.warn("no \"auth\" in the config: everyone may read and publish every mount (/stats and /metrics"
                    + " answer this machine only); see the README's Security section to lock the server down");
        } else {
            LOG.info("auth: {} user(s), methods {}, realm {}", users.size(), config.get().methods(), config.get().realm());
        }
    }

    /** Who sent {@code request}: its credentials checked (an open server takes everyone as anonymous). */
    Identity identify(Request request) {
        if (config.isEmpty()) {
            return Identity.ANONYMOUS;
        }
        long now = clock.getAsLong();
        long wait = failures.waitSeconds(request.peer(), now);
        if (wait > 0) {
            return refused(new Refusal(429, "too many failed logins from this address; try again in " + wait + " s",
                    List.of(), wait));
        }
        if (request.authorization().isEmpty()) {
            return Identity.ANONYMOUS;
        }
        Optional<Credentials> credentials = Credentials.parse(request.authorization().get());
        AuthConfig c = config.get();
        if (credentials.isEmpty()) {
            return fail(request, "?", "malformed or unsupported Authorization", false);
        }
        Credentials creds = credentials.get();
        User user = users.get(creds.user());
        if (user == null || user.password() == null) {
            return fail(request, creds.user(), "no such user", false);
        }
        if (!user.ips().isEmpty() && user.ips().stream().noneMatch(r -> r.contains(request.peer()))) {
            return fail(request, creds.user(), "not allowed from this address", false);
        }
        if (creds instanceof Credentials.Basic basic) {
            if (!c.basic() || !PasswordHash.matches(user.password(), basic.password())) {
                return fail(request, creds.user(), c.basic() ? "wrong password" : "Basic is not enabled", false);
            }
        } else if (creds instanceof Credentials.Digest d) {
            DigestAuth.Result r = c.digest() ? digest.check(d, request.method(), user.password()) : DigestAuth.Result.INVALID;
            if (r == DigestAuth.Result.STALE) {
                return refused(new Refusal(401, "the nonce has expired", challenges(true), 0));
            }
            if (r != DigestAuth.Result.VALID || !uriMatches(d.param("uri"), request.target())) {
                return fail(request, creds.user(), c.digest() ? "wrong Digest response" : "Digest is not enabled", false);
            }
        }
        return new Identity(Optional.of(user.name()), Optional.empty());
    }

    /** Digest's uri names the request's target: the same text, or its path when the target is absolute. */
    private static boolean uriMatches(String uri, String target) {
        return !uri.isEmpty() && (uri.equals(target) || target.endsWith(uri) && uri.startsWith("/"));
    }

    private Identity fail(Request request, String user, String why, boolean stale) {
        failures.failed(request.peer(), clock.getAsLong());
        LOG.warn("auth: {} {} from {} refused: {} (user '{}')", request.method(), loggable(request.target()),
                request.peer().getHostAddress(), why, printable(user));
        return refused(new Refusal(401, "wrong credentials", challenges(stale), 0));
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static Identity refused(Refusal r) {
        return new Identity(Optional.empty(), Optional.of(r));
    }

    /**
     * Whether {@code identity} may do {@code action} on {@code mountPath} (null: no mount); empty
     * when it may, else 401 for the anonymous (so a client with credentials sends them), 403 for a
     * user.
     */
    Optional<Refusal> check(Identity identity, Permission.Action action, String mountPath, InetAddress peer) {
        if (config.isEmpty()) {
            boolean local = action == Permission.Action.READ || action == Permission.Action.PUBLISH || peer.isLoopbackAddress();
            return local ? Optional.empty() : Optional.of(new Refusal(403, "only from this machine", List.of(), 0));
        }
        String who = identity.user().orElse(AuthConfig.ANONYMOUS);
        User user = users.get(who);
        if (user != null && user.permits(action, mountPath)
                && (user.ips().isEmpty() || user.ips().stream().anyMatch(r -> r.contains(peer)))) {
            return Optional.empty();
        }
        String what = action.name().toLowerCase(java.util.Locale.ROOT) + (mountPath == null ? "" : " " + mountPath);
        if (identity.user().isEmpty()) {
            return Optional.of(new Refusal(401, "credentials needed to " + what, challenges(false), 0));
        }
        return Optional.of(new Refusal(403, "user '" + who + "' may not " + what, List.of(), 0));
    }

    /**
     * Whether a session set up by {@code owner} (empty: anonymously) may be used by {@code identity}
     * on a connection other than its own: an open server lets anyone, as before; a locked one only
     * the same user with credentials.
     */
    boolean mayTakeOver(Optional<String> owner, Identity identity) {
        if (config.isEmpty()) {
            return true;
        }
        return owner.isPresent() && owner.equals(identity.user());
    }

    /** The {@code WWW-Authenticate} values: Digest (SHA-256, then MD5) before Basic. */
    List<String> challenges(boolean stale) {
        AuthConfig c = config.orElseThrow();
        List<String> out = new ArrayList<>();
        if (c.digest()) {
            out.addAll(digest.challenges(stale));
        }
        if (c.basic()) {
            out.add("Basic realm=\"" + c.realm() + "\", charset=\"UTF-8\"");
        }
        return out;
    }

    /** For tests: the Digest computations of this server. */
    DigestAuth digest() {
        return digest;
    }

    /** Target text safe to log: a URL's user:pw@ masked, the length cut. */
    private static String loggable(String target) {
        String masked = dev.rill.wire.UserInfo.masked(target);
        return masked.length() > 200 ? masked.substring(0, 200) + "..." : masked;
    }
}
