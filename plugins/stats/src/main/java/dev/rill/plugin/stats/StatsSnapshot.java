package dev.rill.plugin.stats;

import dev.rill.spi.HttpViewers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's statistics at one moment. The totals count closed sessions and live ones alike,
 * and never go down from one snapshot to the next (the session table takes both under one lock).
 *
 * @param startedAt           when the server started
 * @param takenAt             when the snapshot was taken
 * @param sessionsOpenedTotal sessions set up since the listener started
 * @param packetsSent         RTP packets sent by every session, closed or live
 * @param bytesSent           RTP bytes (header and payload) sent by every session
 * @param framesSent          frames sent by every session
 * @param sessions            the live sessions, oldest first
 * @param mounts              the configured mounts, in the config's order, with their live sources' input
 * @param httpViewers         the HTTP viewers streaming now, and totals that count ended ones
 */
record StatsSnapshot(Instant startedAt, Instant takenAt, long sessionsOpenedTotal, long packetsSent, long bytesSent,
                     long framesSent, List<SessionRow> sessions, List<MountRow> mounts, HttpViewers httpViewers) {

    StatsSnapshot {
        sessions = List.copyOf(sessions);
        mounts = List.copyOf(mounts);
        java.util.Objects.requireNonNull(httpViewers, "httpViewers");
    }

    /** RTSP sessions only: no mounts, no HTTP viewers. */
    StatsSnapshot(Instant startedAt, Instant takenAt, long sessionsOpenedTotal, long packetsSent, long bytesSent,
            long framesSent, List<SessionRow> sessions) {
        this(startedAt, takenAt, sessionsOpenedTotal, packetsSent, bytesSent, framesSent, sessions, List.of(),
                HttpViewers.NONE);
    }

    /** This snapshot with the server's mounts and HTTP viewers. */
    StatsSnapshot with(List<MountRow> mountRows, HttpViewers viewers) {
        return new StatsSnapshot(startedAt, takenAt, sessionsOpenedTotal, packetsSent, bytesSent, framesSent, sessions,
                mountRows, viewers);
    }

    /** Time since the server started; zero if the clocks disagree. */
    Duration uptime() {
        Duration uptime = Duration.between(startedAt, takenAt);
        return uptime.isNegative() ? Duration.ZERO : uptime;
    }
}
