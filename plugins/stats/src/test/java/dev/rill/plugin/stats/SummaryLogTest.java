package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.HttpViewerInfo;
import dev.rill.spi.HttpViewers;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.MountInfo;
import dev.rill.spi.ReceptionReport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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
    void lineAddsHttpViewersAndLiveSourcesThatAreNotGettingTheirInput() {
        SessionTable table = new SessionTable(STARTED);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 50_000);
        HttpViewers viewers = new HttpViewers(List.of(new HttpViewerInfo("h1", peer, "/cam", STARTED, 1, 1, 0),
                new HttpViewerInfo("h2", peer, "/cam", STARTED, 1, 1, 0)), 2, 2, 2, 0);
        List<MountRow> mounts = List.of(
                live("/relay", LiveStatus.State.RETRYING, 4), live("/cam", LiveStatus.State.LIVE, 1),
                new MountRow(new MountInfo("/movie", "mjpeg-file", MountInfo.Kind.STORED, Optional.empty()),
                        OptionalDouble.empty()));
        assertEquals("stats: 0 sessions (0 opened), sent 0 packets, 0 B, 0 frames; 2 HTTP viewers;"
                + " /relay retrying (4 reconnects)", SummaryLog.line(table.snapshot(STARTED).with(mounts, viewers)));
    }

    private static MountRow live(String path, LiveStatus.State state, long reconnects) {
        return new MountRow(new MountInfo(path, "rtsp-pull", MountInfo.Kind.LIVE,
                Optional.of(new LiveStatus(state, Optional.empty(), 0, 0, 0, reconnects))), OptionalDouble.empty());
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
