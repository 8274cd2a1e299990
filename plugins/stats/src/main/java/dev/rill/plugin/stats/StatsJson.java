package dev.rill.plugin.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.spi.ReceptionReport;
import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot as the {@code /stats} JSON document:
 * <pre>{@code
 * {"server": {"startedAt", "uptimeSeconds", "sessions", "sessionsOpenedTotal", "packetsSent",
 *             "bytesSent", "framesSent"},
 *  "sessions": [{"id", "peer", "mount", "dialect", "transport", "transportKind", "state",
 *                "openedAt", "packetsSent", "bytesSent", "framesSent",
 *                "reception": {"fractionLost", "cumulativeLost", "jitterMillis",
 *                              "roundTripMillis"} or null}]}
 * }</pre>
 * Members come in this order. Times are ISO-8601 UTC strings, counts are integers, durations are
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
                .put("framesSent", snapshot.framesSent());
        ArrayNode sessions = document.putArray("sessions");
        for (SessionRow row : snapshot.sessions()) {
            sessions.add(session(row));
        }
        return write(document);
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
