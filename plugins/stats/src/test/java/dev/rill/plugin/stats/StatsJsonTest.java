package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rill.spi.Dialect;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documents' shape: member order, value types, escapes, and what stands in for a missing value. */
class StatsJsonTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private static StatsSnapshot snapshot(String mount, Optional<ReceptionReport> reception) {
        SessionRow row = new SessionRow("1A2B", "127.0.0.1:40000", mount, Dialect.STANDARD,
                "RTP/AVP;unicast;client_port=5000-5001", "udp", SessionState.PLAYING, STARTED.plusSeconds(1),
                100, 140_000, 10, reception);
        return new StatsSnapshot(STARTED, STARTED.plusSeconds(75), 3, 108, 147_100, 18, List.of(row));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void membersComeInTheDocumentedOrder() throws IOException {
        JsonNode stats = JSON.readTree(StatsJson.render(snapshot("/m", Optional.of(
                new ReceptionReport(0.25, 3, Duration.ofMillis(4), Optional.of(Duration.ofMillis(20)))))));

        assertEquals(List.of("server", "sessions", "httpViewers", "mounts"), names(stats));
        assertEquals(List.of("startedAt", "uptimeSeconds", "sessions", "sessionsOpenedTotal", "packetsSent",
                "bytesSent", "framesSent", "httpViewers", "httpViewersOpenedTotal", "httpFramesSent", "httpBytesSent",
                "httpFramesSkipped"), names(stats.get("server")));
        JsonNode session = stats.get("sessions").get(0);
        assertEquals(List.of("id", "peer", "mount", "dialect", "transport", "transportKind", "state", "openedAt",
                "packetsSent", "bytesSent", "framesSent", "reception"), names(session));
        assertEquals(List.of("fractionLost", "cumulativeLost", "jitterMillis", "roundTripMillis"),
                names(session.get("reception")));
    }

    @Test
    void countsAreIntegersAndMillisecondsMayHaveAFraction() throws IOException {
        JsonNode stats = JSON.readTree(StatsJson.render(snapshot("/m", Optional.of(
                new ReceptionReport(0.25, 3, Duration.ofNanos(4_500_000), Optional.empty())))));

        stats.get("server").properties().stream().skip(1)
                .forEach(e -> assertTrue(e.getValue().isIntegralNumber(), e.getKey()));
        JsonNode reception = stats.get("sessions").get(0).get("reception");
        assertTrue(reception.get("cumulativeLost").isIntegralNumber());
        assertEquals(4.5, reception.get("jitterMillis").doubleValue());
        assertTrue(reception.get("roundTripMillis").isNull());
    }

    @Test
    void aNumberJsonCannotHoldIsNull() throws IOException {
        JsonNode stats = JSON.readTree(StatsJson.render(snapshot("/m", Optional.of(
                new ReceptionReport(Double.NaN, 0, Duration.ZERO, Optional.empty())))));

        assertTrue(stats.get("sessions").get(0).get("reception").get("fractionLost").isNull());
    }

    @Test
    void stringsComeBackUnchanged() throws IOException {
        String nasty = "/q\"b\\n\nr\rt\tz\u0000e\u001fd\u007f/\uD83C\uDFA5";

        JsonNode stats = JSON.readTree(StatsJson.render(snapshot(nasty, Optional.empty())));

        assertEquals(nasty, stats.get("sessions").get(0).get("mount").textValue());
    }

    @Test
    void healthAndErrorsAreSmallObjects() {
        assertEquals("{\"status\":\"UP\",\"uptimeSeconds\":75,\"sessions\":1}",
                StatsJson.health(true, snapshot("/m", Optional.empty())));
        assertEquals("{\"error\":\"not found\"}", StatsJson.error("not found"));
    }
}
