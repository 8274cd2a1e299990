package dev.rill.plugin.stats;

import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live sessions and the totals left by closed ones. Thread-safe. A session's counters are read
 * from its {@link SessionInfo} when a snapshot is taken; when it closes, its final counts move into
 * the totals. Opening, closing and snapshots share one lock so a closing session is counted
 * exactly once in every snapshot (counted live and closed, totals would jump up and fall back;
 * counted in neither, they would dip): the lock is held only for map updates and counter reads,
 * never for I/O. Reception reports need no lock.
 */
final class SessionTable {

    /** A live session and the last thing its client reported. */
    private static final class Tracked {
        final SessionInfo info;
        final String transportKind;
        volatile Optional<ReceptionReport> lastReport = Optional.empty();

        Tracked(SessionInfo info) {
            this.info = info;
            this.transportKind = transportKind(info.transport());
        }
    }

    private final Instant startedAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Tracked> live = new ConcurrentHashMap<>();   // changed under lock
    private long openedTotal;                                              // guarded by lock
    private long closedPackets;                                            // guarded by lock
    private long closedBytes;                                              // guarded by lock
    private long closedFrames;                                             // guarded by lock

    SessionTable(Instant startedAt) {
        this.startedAt = startedAt;
    }

    /** A session was set up; a second call for the same id is ignored. */
    void opened(SessionInfo session) {
        Tracked tracked = new Tracked(session);
        lock.lock();
        try {
            if (live.putIfAbsent(session.id(), tracked) == null) {
                openedTotal++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A session ended: its final counts join the totals. Unknown or already closed ids are ignored. */
    void closed(SessionInfo session) {
        lock.lock();
        try {
            Tracked tracked = live.remove(session.id());
            if (tracked != null) {
                closedPackets += session.packetsSent();
                closedBytes += session.bytesSent();
                closedFrames += session.framesSent();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the report as the session's latest; ignored for a session not (or no longer) live. */
    void reported(SessionInfo session, ReceptionReport report) {
        Tracked tracked = live.get(session.id());
        if (tracked != null) {
            tracked.lastReport = Optional.of(report);
        }
    }

    int liveCount() {
        return live.size();
    }

    StatsSnapshot snapshot(Instant now) {
        List<SessionRow> rows = new ArrayList<>(live.size());
        long opened;
        long packets;
        long bytes;
        long frames;
        lock.lock();
        try {
            opened = openedTotal;
            packets = closedPackets;
            bytes = closedBytes;
            frames = closedFrames;
            for (Tracked tracked : live.values()) {
                SessionRow row = row(tracked);
                rows.add(row);
                packets += row.packetsSent();
                bytes += row.bytesSent();
                frames += row.framesSent();
            }
        } finally {
            lock.unlock();
        }
        rows.sort(Comparator.comparing(SessionRow::openedAt).thenComparing(SessionRow::id));
        return new StatsSnapshot(startedAt, now, opened, packets, bytes, frames, rows);
    }

    private static SessionRow row(Tracked tracked) {
        SessionInfo s = tracked.info;
        return new SessionRow(s.id(), peer(s.peer()), s.mount().path(), s.dialect(), s.transport(),
                tracked.transportKind, s.state(), s.openedAt(), s.packetsSent(), s.bytesSent(), s.framesSent(),
                tracked.lastReport);
    }

    /** {@code host:port}, with an IPv6 address in brackets. */
    static String peer(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * {@code tcp} for RTP interleaved on the RTSP connection (RFC 2326 §10.12), else {@code udp}:
     * the server writes the reply's Transport, so the lower transport or the interleaved parameter
     * says which.
     */
    static String transportKind(String transport) {
        String upper = transport.toUpperCase(Locale.ROOT);
        return upper.contains("/TCP") || upper.contains("INTERLEAVED") ? "tcp" : "udp";
    }
}
