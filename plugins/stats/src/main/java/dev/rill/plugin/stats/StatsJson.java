package dev.rill.plugin.stats;

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
 * Times are ISO-8601 UTC strings, durations are numbers in the unit their name says,
 * {@code roundTripMillis} is null when the client echoed no sender report, and enum values
 * (dialect, state) are lower case.
 */
final class StatsJson {

    private StatsJson() {
    }

    static String render(StatsSnapshot snapshot) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("server").beginObject()
                .name("startedAt").value(snapshot.startedAt().toString())
                .name("uptimeSeconds").value(snapshot.uptime().toSeconds())
                .name("sessions").value(snapshot.sessions().size())
                .name("sessionsOpenedTotal").value(snapshot.sessionsOpenedTotal())
                .name("packetsSent").value(snapshot.packetsSent())
                .name("bytesSent").value(snapshot.bytesSent())
                .name("framesSent").value(snapshot.framesSent())
                .endObject();
        json.name("sessions").beginArray();
        for (SessionRow row : snapshot.sessions()) {
            session(json, row);
        }
        return json.endArray().endObject().text();
    }

    /** The {@code /health} document. */
    static String health(boolean up, StatsSnapshot snapshot) {
        return new JsonWriter().beginObject()
                .name("status").value(up ? "UP" : "DOWN")
                .name("uptimeSeconds").value(snapshot.uptime().toSeconds())
                .name("sessions").value(snapshot.sessions().size())
                .endObject().text();
    }

    private static void session(JsonWriter json, SessionRow row) {
        json.beginObject()
                .name("id").value(row.id())
                .name("peer").value(row.peer())
                .name("mount").value(row.mount())
                .name("dialect").value(lower(row.dialect()))
                .name("transport").value(row.transport())
                .name("transportKind").value(row.transportKind())
                .name("state").value(lower(row.state()))
                .name("openedAt").value(row.openedAt().toString())
                .name("packetsSent").value(row.packetsSent())
                .name("bytesSent").value(row.bytesSent())
                .name("framesSent").value(row.framesSent())
                .name("reception");
        if (row.reception().isEmpty()) {
            json.nullValue();
        } else {
            ReceptionReport report = row.reception().get();
            json.beginObject()
                    .name("fractionLost").value(report.fractionLost())
                    .name("cumulativeLost").value(report.cumulativeLost())
                    .name("jitterMillis").value(millis(report.jitter()))
                    .name("roundTripMillis");
            if (report.roundTrip().isPresent()) {
                json.value(millis(report.roundTrip().get()));
            } else {
                json.nullValue();
            }
            json.endObject();
        }
        json.endObject();
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
