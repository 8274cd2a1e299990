package dev.rill.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the server offers a session listener when it starts. Every supplier reads the server's state
 * when called, from any thread, without blocking on I/O.
 *
 * @param sessions    the live RTSP sessions
 * @param startedAt   when the server started
 * @param mounts      the configured mounts in the config's order, with their live sources' status
 * @param httpViewers the HTTP viewers streaming now, and their totals
 */
public record ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt, Supplier<List<MountInfo>> mounts,
                              Supplier<HttpViewers> httpViewers) {

    public ListenerContext {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(mounts, "mounts");
        Objects.requireNonNull(httpViewers, "httpViewers");
    }

    /** Sessions only: no mounts, no HTTP viewers (tests, embedders). */
    public ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt) {
        this(sessions, startedAt, List::of, () -> HttpViewers.NONE);
    }
}
