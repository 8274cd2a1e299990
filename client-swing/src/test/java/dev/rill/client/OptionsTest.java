package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void aUrlIsTheStandardDialect() {
        Options o = Options.parse("rtsp://example.org:8554/movie.Mjpeg");
        Target t = o.target().orElseThrow();
        assertFalse(t.classic());
        assertEquals("example.org", t.host());
        assertEquals(8554, t.port());
        assertEquals("rtsp://example.org:8554/movie.Mjpeg", t.path());
        assertFalse(o.headless());
    }

    @Test
    void aUrlWithoutPortUsesRtspsDefault() {
        assertEquals(554, Target.url("rtsp://example.org/x").port());
    }

    @Test
    void theCoursesFourWordsAreTheClassicDialect() {
        Target t = Options.parse("localhost", "8554", "25000", "movie.Mjpeg").target().orElseThrow();
        assertTrue(t.classic());
        assertEquals("localhost", t.host());
        assertEquals(8554, t.port());
        assertEquals(25_000, t.rtpPort());
        assertEquals("movie.Mjpeg", t.path());
    }

    @Test
    void theCoursesJavaClientsThreeWordsReceiveOnPort25000() {
        Target t = Options.parse("localhost", "8554", "movie.Mjpeg").target().orElseThrow();
        assertTrue(t.classic());
        assertEquals(Target.COURSE_RTP_PORT, t.rtpPort());
    }

    @Test
    void readsTheHeadlessFlags() {
        Options o = Options.parse("--headless", "--frames", "25", "--out", "frames", "--stats", "s.json", "--tcp",
                "--delay", "200", "--start", "1.5", "rtsp://h/x");
        assertTrue(o.headless());
        assertTrue(o.tcp());
        assertEquals(25, o.frames().orElseThrow());
        assertEquals(Path.of("frames"), o.out().orElseThrow());
        assertEquals(Path.of("s.json"), o.stats().orElseThrow());
        assertEquals(Duration.ofMillis(200), o.playoutDelay());
        assertEquals(Duration.ofMillis(1500), o.start().orElseThrow());
    }

    @Test
    void noArgumentsOpenTheWindowWithoutTarget() {
        Options o = Options.parse();
        assertTrue(o.target().isEmpty());
        assertFalse(o.headless());
    }

    @Test
    void headlessNeedsATarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse("--headless"));
        assertTrue(e.getMessage().contains("needs a target"), e.getMessage());
    }

    @Test
    void anUnknownOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--fast", "rtsp://h/x"));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse("rtsp://h/x", "--frames"));
        assertTrue(e.getMessage().contains("--frames needs a value"), e.getMessage());
    }

    @Test
    void helpDocumentsEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--tcp", "--headless", "--frames", "--out", "--stats", "--start", "--delay",
                "--rtsp-timeout", "--udp-timeout", "--timeout", "--verbose", "--help")) {
            assertTrue(help.contains(option), option + " missing from --help");
        }
    }

    @Test
    void aBadCommandLineExitsWithTheUsageStatus() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--frames", "x", "rtsp://h/x"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--frames"));
    }
}
