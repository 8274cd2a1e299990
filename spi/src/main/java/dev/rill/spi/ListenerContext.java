package dev.rill.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the server offers a session listener when it starts. Every supplier reads the server's state
 * when called, from any thread, without blocking on I/O.
 *
 * @param sessions    the live RTSP sessions
 * @param startedAt   when the server started
 * @param mounts      the configured mounts in the config's order, with their live sources' status
 * @param httpViewers the HTTP viewers streaming now, and their totals
 * @param accepting   true while the server takes new sessions; false from the moment it begins to
 *                    stop (SIGTERM), all through the drain: what {@code /health} tells a load balancer
 */
public record ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt, Supplier<List<MountInfo>> mounts,
                              Supplier<HttpViewers> httpViewers, BooleanSupplier accepting) {

    public ListenerContext {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(mounts, "mounts");
        Objects.requireNonNull(httpViewers, "httpViewers");
        Objects.requireNonNull(accepting, "accepting");
    }

    /** A server that always accepts (tests, embedders that never drain). */
    public ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt, Supplier<List<MountInfo>> mounts,
                           Supplier<HttpViewers> httpViewers) {
        this(sessions, startedAt, mounts, httpViewers, () -> true);
    }

    /** Sessions only: no mounts, no HTTP viewers (tests, embedders). */
    public ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt) {
        this(sessions, startedAt, List::of, () -> HttpViewers.NONE, () -> true);
    }
}
