package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Dialect;
import dev.rill.spi.ReceptionReport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOW = STARTED.plusSeconds(90);
    private static final ReceptionReport REPORT =
            new ReceptionReport(0.25, 12, Duration.ofMillis(3), Optional.of(Duration.ofMillis(40)));

    private final SessionTable table = new SessionTable(STARTED);

    @Test
    void totalsAddLiveSessions() {
        table.opened(FakeSession.udp("a", STARTED).sent(10, 1000, 2));
        table.opened(FakeSession.udp("b", STARTED).sent(5, 500, 1));
        StatsSnapshot s = table.snapshot(NOW);
        assertEquals(2, s.sessions().size());
        assertEquals(2, s.sessionsOpenedTotal());
        assertEquals(15, s.packetsSent());
        assertEquals(1500, s.bytesSent());
        assertEquals(3, s.framesSent());
        assertEquals(Duration.ofSeconds(90), s.uptime());
    }

    @Test
    void totalsKeepWhatClosedSessionsSent() {
        FakeSession a = FakeSession.udp("a", STARTED);
        table.opened(a);
        table.opened(FakeSession.udp("b", STARTED).sent(5, 500, 1));
        a.sent(10, 1000, 2);
        table.closed(a);
        a.sent(99, 9999, 99);   // a closed session's counters no longer count
        StatsSnapshot s = table.snapshot(NOW);
        assertEquals(List.of("b"), s.sessions().stream().map(SessionRow::id).toList());
        assertEquals(2, s.sessionsOpenedTotal());
        assertEquals(15, s.packetsSent());
        assertEquals(1500, s.bytesSent());
        assertEquals(3, s.framesSent());
    }

    @Test
    void aSecondOpenOrCloseOfOneSessionCountsOnce() {
        FakeSession a = FakeSession.udp("a", STARTED).sent(10, 1000, 2);
        table.opened(a);
        table.opened(a);
        table.closed(a);
        table.closed(a);
        StatsSnapshot s = table.snapshot(NOW);
        assertEquals(1, s.sessionsOpenedTotal());
        assertEquals(10, s.packetsSent());
    }

    @Test
    void keepsTheLastReceptionReportOfALiveSession() {
        FakeSession a = FakeSession.udp("a", STARTED);
        table.opened(a);
        assertTrue(table.snapshot(NOW).sessions().getFirst().reception().isEmpty());
        table.reported(a, new ReceptionReport(0, 0, Duration.ZERO, Optional.empty()));
        table.reported(a, REPORT);
        assertEquals(Optional.of(REPORT), table.snapshot(NOW).sessions().getFirst().reception());
    }

    @Test
    void ignoresAReportForAnUnknownSession() {
        table.reported(FakeSession.udp("x", STARTED), REPORT);
        assertTrue(table.snapshot(NOW).sessions().isEmpty());
    }

    @Test
    void listsSessionsOldestFirst() {
        table.opened(FakeSession.udp("late", STARTED.plusSeconds(5)));
        table.opened(FakeSession.udp("early", STARTED.plusSeconds(1)));
        assertEquals(List.of("early", "late"), table.snapshot(NOW).sessions().stream().map(SessionRow::id).toList());
    }

    @Test
    void rowCarriesTheSessionsDescription() {
        table.opened(new FakeSession("s1", "/live", Dialect.CLASSIC, "RTP/UDP; client_port= 25000", STARTED));
        SessionRow row = table.snapshot(NOW).sessions().getFirst();
        assertEquals("127.0.0.1:40000", row.peer());
        assertEquals("/live", row.mount());
        assertEquals(Dialect.CLASSIC, row.dialect());
        assertEquals("udp", row.transportKind());
    }

    @Test
    void transportKindIsTcpForInterleavedRtp() {
        assertEquals("tcp", SessionTable.transportKind("RTP/AVP/TCP;unicast;interleaved=0-1"));
        assertEquals("udp", SessionTable.transportKind("RTP/AVP;unicast;client_port=5000-5001"));
        assertEquals("udp", SessionTable.transportKind("RTP/UDP; client_port= 25000"));
        assertEquals("tcp", SessionTable.transportKind("something;interleaved=0-1;\"broken"));
    }

    @Test
    void peerPutsAnIpv6AddressInBrackets() {
        assertEquals("[0:0:0:0:0:0:0:1]:554", SessionTable.peer(new InetSocketAddress("::1", 554)));
    }
}
