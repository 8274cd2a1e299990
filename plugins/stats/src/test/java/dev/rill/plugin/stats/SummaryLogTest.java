package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.ReceptionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryLogTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void lineSummarisesTotals() {
        SessionTable table = new SessionTable(STARTED);
        table.opened(FakeSession.udp("a", STARTED).sent(1234, 1_572_864, 400));
        assertEquals("stats: 1 session (1 opened), sent 1234 packets, 1.5 MiB, 400 frames",
                SummaryLog.line(table.snapshot(STARTED)));
    }

    @Test
    void lineAddsTheWorstReception() {
        SessionTable table = new SessionTable(STARTED);
        FakeSession a = FakeSession.udp("a", STARTED);
        FakeSession b = FakeSession.udp("b", STARTED);
        table.opened(a);
        table.opened(b);
        table.reported(a, new ReceptionReport(0.004, 1, Duration.ofMillis(9), Optional.empty()));
        table.reported(b, new ReceptionReport(0.02, 1, Duration.ofMillis(2), Optional.empty()));
        assertTrue(SummaryLog.line(table.snapshot(STARTED)).endsWith("; worst loss 2.0%, jitter 9.0 ms"));
    }

    @Test
    void bytesUseBinaryUnits() {
        assertEquals(List.of("0 B", "1023 B", "1.0 KiB", "1.5 MiB", "2.0 GiB"),
                List.of(SummaryLog.bytes(0), SummaryLog.bytes(1023), SummaryLog.bytes(1024),
                        SummaryLog.bytes(1_572_864), SummaryLog.bytes(2L << 30)));
    }

    @Test
    void closeStopsTheThread() {
        SummaryLog log = new SummaryLog(Duration.ofHours(1), () -> new SessionTable(STARTED).snapshot(STARTED));
        assertTrue(log.running());
        log.close();
        assertFalse(log.running());
    }
}
