package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakPartsTest {

    @TempDir
    Path dir;

    @Test
    void optionsNeedTheServerAndItsProcess() {
        SoakOptions o = SoakOptions.parse("--rtsp", "rtsp://127.0.0.1:18654/", "--http", "http://127.0.0.1:18680",
                "--server-pid", "123", "--minutes", "2", "--viewers", "20");
        assertEquals("rtsp://127.0.0.1:18654", o.rtspBase());
        assertEquals(20, o.viewers());
        assertEquals("/movie.Mjpeg", o.file());
        assertTrue(o.validPid().isPresent());
        assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse("--rtsp", "rtsp://127.0.0.1:1"));
        assertThrows(IllegalArgumentException.class, () -> SoakOptions.parse("--rtsp", "rtsp://x", "--http", "http://x",
                "--server-pid", "1", "--viewers", "0"));
        assertTrue(SoakOptions.parse("--rtsp", "r", "--http", "h", "--server-pid", "12; rm").validPid().isEmpty());
    }

    @Test
    void slopeIsPerHourAndFlatForAFlatLine() {
        List<Double> minutes = List.of(0.0, 30.0, 60.0);
        assertEquals(10.0, SoakSample.slopePerHour(minutes, List.of(100.0, 105.0, 110.0)), 1e-9);
        assertEquals(0.0, SoakSample.slopePerHour(minutes, List.of(7.0, 7.0, 7.0)), 1e-9);
        assertTrue(Double.isNaN(SoakSample.slopePerHour(List.of(1.0), List.of(1.0))));
    }

    @Test
    void viewerKindsFollowTheirShares() {
        Random random = new Random(1);
        long udp = IntStream.range(0, 10_000).mapToObj(i -> SoakViewer.Kind.pick(random))
                .filter(k -> k == SoakViewer.Kind.UDP_FILE).count();
        assertTrue(udp > 3_000 && udp < 4_000, "UDP_FILE is 35 %: " + udp);
    }

    @Test
    void failuresDifferingOnlyInSessionIdsAreOneKind() {
        SoakCounters c = new SoakCounters();
        c.failed("UDP_LIVE", "454 Session Not Found (no session 3F9A0B1C2D3E4F50)");
        c.failed("UDP_LIVE", "454 Session Not Found (no session 77AB00CD99EF1234AB)");
        assertEquals(java.util.Map.of("UDP_LIVE: N Session Not Found (no session ID)", 2L), c.failuresByKind());
    }

    @Test
    void thePlotIsAPng() throws Exception {
        List<SoakSample> samples = IntStream.range(0, 10)
                .mapToObj(i -> new SoakSample(i, 20_000 + i, 500, 34, 200_000, 480, i % 2, i * 100L, 0)).toList();
        Path png = dir.resolve("soak.png");
        SoakPlot.write(samples, "test", png);
        assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
        assertTrue(Files.size(png) > 1000);
        assertEquals(50.0, SoakPlot.niceCeiling(41), 1e-9);
        assertEquals(1.0, SoakPlot.niceCeiling(0), 1e-9);
    }
}
