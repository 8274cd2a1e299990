package dev.rill.plugin.stats;

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
 */
record StatsSnapshot(Instant startedAt, Instant takenAt, long sessionsOpenedTotal, long packetsSent, long bytesSent,
                     long framesSent, List<SessionRow> sessions) {

    StatsSnapshot {
        sessions = List.copyOf(sessions);
    }

    /** Time since the server started; zero if the clocks disagree. */
    Duration uptime() {
        Duration uptime = Duration.between(startedAt, takenAt);
        return uptime.isNegative() ? Duration.ZERO : uptime;
    }
}
