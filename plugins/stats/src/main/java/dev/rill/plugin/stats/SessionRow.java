package dev.rill.plugin.stats;

import dev.rill.spi.Dialect;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One live session as a snapshot saw it.
 *
 * @param peer          the RTSP connection's peer, {@code host:port}
 * @param mount         the mount's URL path
 * @param transport     the Transport header value
 * @param transportKind {@code udp} or {@code tcp} (interleaved)
 * @param reception     the client's last RTCP receiver report, if one came
 */
record SessionRow(String id, String peer, String mount, Dialect dialect, String transport, String transportKind,
                  SessionState state, Instant openedAt, long packetsSent, long bytesSent, long framesSent,
                  Optional<ReceptionReport> reception) {

    SessionRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(transportKind, "transportKind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(reception, "reception");
    }
}
