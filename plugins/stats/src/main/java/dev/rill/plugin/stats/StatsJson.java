package dev.rill.plugin.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.spi.HttpViewerInfo;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.MountInfo;
import dev.rill.spi.ReceptionReport;
import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot as the {@code /stats} JSON document:
 * <pre>{@code
 * {"server": {"startedAt", "uptimeSeconds", "sessions", "sessionsOpenedTotal", "packetsSent",
 *             "bytesSent", "framesSent", "httpViewers", "httpViewersOpenedTotal", "httpFramesSent",
 *             "httpBytesSent", "httpFramesSkipped"},
 *  "sessions": [{"id", "peer", "mount", "dialect", "transport", "transportKind", "state",
 *                "openedAt", "packetsSent", "bytesSent", "framesSent",
 *                "reception": {"fractionLost", "cumulativeLost", "jitterMillis",
 *                              "roundTripMillis"} or null}],
 *  "httpViewers": [{"id", "peer", "mount", "startedAt", "framesSent", "bytesSent", "framesSkipped"}],
 *  "mounts": [{"path", "type", "kind": "stored"|"live",
 *              "live": {"state": "waiting"|"connecting"|"live"|"retrying"|"stopped", "peer" or null,
 *                       "framesIn", "framesDropped", "bytesIn", "bitsInPerSecond" or null,
 *                       "reconnects"} or null (stored, or a source that does not report)}]}
 * }</pre>
 * Members come in this order. The {@code http*} totals count ended HTTP viewers too;
 * {@code bitsInPerSecond} is null until two snapshots a second apart have seen the source. Times are ISO-8601 UTC strings, counts are integers, durations are
 * numbers in the unit their name says, {@code roundTripMillis} is null when the client echoed no
 * sender report, a number JSON cannot hold (NaN, infinite) is null, and enum values (dialect,
 * state) are lower case.
 */
final class StatsJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Immutable, so one serves every request. */
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private StatsJson() {
    }

    static String render(StatsSnapshot snapshot) {
        ObjectNode document = NODES.objectNode();
        document.putObject("server")
                .put("startedAt", snapshot.startedAt().toString())
                .put("uptimeSeconds", snapshot.uptime().toSeconds())
                .put("sessions", snapshot.sessions().size())
                .put("sessionsOpenedTotal", snapshot.sessionsOpenedTotal())
                .put("packetsSent", snapshot.packetsSent())
                .put("bytesSent", snapshot.bytesSent())
                .put("framesSent", snapshot.framesSent())
                .put("httpViewers", snapshot.httpViewers().viewers().size())
                .put("httpViewersOpenedTotal", snapshot.httpViewers().openedTotal())
                .put("httpFramesSent", snapshot.httpViewers().framesSentTotal())
                .put("httpBytesSent", snapshot.httpViewers().bytesSentTotal())
                .put("httpFramesSkipped", snapshot.httpViewers().framesSkippedTotal());
        ArrayNode sessions = document.putArray("sessions");
        for (SessionRow row : snapshot.sessions()) {
            sessions.add(session(row));
        }
        ArrayNode viewers = document.putArray("httpViewers");
        for (HttpViewerInfo v : snapshot.httpViewers().viewers()) {
            viewers.addObject()
                    .put("id", v.id())
                    .put("peer", SessionTable.peer(v.peer()))
                    .put("mount", v.mount())
                    .put("startedAt", v.startedAt().toString())
                    .put("framesSent", v.framesSent())
                    .put("bytesSent", v.bytesSent())
                    .put("framesSkipped", v.framesSkipped());
        }
        ArrayNode mounts = document.putArray("mounts");
        for (MountRow row : snapshot.mounts()) {
            mounts.add(mount(row));
        }
        return write(document);
    }

    private static ObjectNode mount(MountRow row) {
        MountInfo m = row.mount();
        ObjectNode mount = NODES.objectNode()
                .put("path", m.path())
                .put("type", m.sourceType())
                .put("kind", lower(m.kind()));
        if (m.live().isEmpty()) {
            mount.putNull("live");
            return mount;
        }
        LiveStatus status = m.live().get();
        ObjectNode live = mount.putObject("live").put("state", lower(status.state()));
        live.put("peer", status.peer().orElse(null));
        live.put("framesIn", status.framesIn())
                .put("framesDropped", status.framesDropped())
                .put("bytesIn", status.bytesIn());
        if (row.bitsInPerSecond().isPresent()) {
            number(live, "bitsInPerSecond", row.bitsInPerSecond().getAsDouble());
        } else {
            live.putNull("bitsInPerSecond");
        }
        live.put("reconnects", status.reconnects());
        return mount;
    }

    /** The {@code /health} document. */
    static String health(boolean up, StatsSnapshot snapshot) {
        return write(NODES.objectNode()
                .put("status", up ? "UP" : "DOWN")
                .put("uptimeSeconds", snapshot.uptime().toSeconds())
                .put("sessions", snapshot.sessions().size()));
    }

    /** {@code {"error": message}}, the body of a 4xx or 5xx answer. */
    static String error(String message) {
        return write(NODES.objectNode().put("error", message));
    }

    private static ObjectNode session(SessionRow row) {
        ObjectNode session = NODES.objectNode()
                .put("id", row.id())
                .put("peer", row.peer())
                .put("mount", row.mount())
                .put("dialect", lower(row.dialect()))
                .put("transport", row.transport())
                .put("transportKind", row.transportKind())
                .put("state", lower(row.state()))
                .put("openedAt", row.openedAt().toString())
                .put("packetsSent", row.packetsSent())
                .put("bytesSent", row.bytesSent())
                .put("framesSent", row.framesSent());
        session.set("reception", row.reception().<JsonNode>map(StatsJson::reception).orElse(NODES.nullNode()));
        return session;
    }

    private static ObjectNode reception(ReceptionReport report) {
        ObjectNode reception = NODES.objectNode();
        number(reception, "fractionLost", report.fractionLost());
        reception.put("cumulativeLost", report.cumulativeLost());
        number(reception, "jitterMillis", millis(report.jitter()));
        if (report.roundTrip().isPresent()) {
            number(reception, "roundTripMillis", millis(report.roundTrip().get()));
        } else {
            reception.putNull("roundTripMillis");
        }
        return reception;
    }

    /** Jackson would write a non-finite double as a string ("NaN"); the document says null. */
    private static void number(ObjectNode object, String name, double value) {
        if (Double.isFinite(value)) {
            object.put(name, value);
        } else {
            object.putNull(name);
        }
    }

    private static String write(JsonNode document) {
        try {
            return WRITER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; only a broken Jackson gets here.
            throw new IllegalStateException("stats: cannot write JSON", e);
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
