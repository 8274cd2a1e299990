package dev.rill.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window on a real X display: {@link WindowScenario} runs in a JVM of its own (AWT reads
 * DISPLAY when it starts) against a Rill started here, on the display of this machine or on an
 * Xvfb started here. Screenshots for a person to look at land in {@code target/screenshots}.
 */
class WindowTest {

    @TempDir
    Path dir;
    RillFixture rill;
    Process xvfb;
    Process scenario;

    @BeforeEach
    void start() throws IOException {
        rill = RillFixture.start(dir, "[{\"path\": \"/sample.Mjpeg\", \"source\": {\"type\": \"mjpeg-sample\","
                + " \"fps\": 20, \"loop\": true}}]");
    }

    @AfterEach
    void stop() {
        Interop.end(scenario);
        Interop.end(xvfb);
        rill.close();
    }

    /** The display to use: this machine's, or a new Xvfb on a free number. */
    private String display() throws IOException {
        String own = System.getenv("DISPLAY");
        if (own != null && !own.isBlank()) {
            return own;
        }
        String path = Interop.xvfb().orElseGet(() -> Interop.missing("Xvfb is not installed and there is no DISPLAY"));
        for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            xvfb = new ProcessBuilder(path, ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            await("Xvfb :" + n).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket) || !xvfb.isAlive());
            if (xvfb.isAlive()) {
                return ":" + n;
            }
        }
        throw new IOException("no free X display number for Xvfb");
    }

    @Test
    void playShowsAFramePauseHoldsItStopResetsAndClosingTearsDown() throws Exception {
        String display = display();
        Path shots = Path.of(System.getProperty("rill.screenshots", "target/screenshots"));
        Path log = dir.resolve("scenario.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Djava.awt.headless=false",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                WindowScenario.class.getName(), rill.url("sample.Mjpeg"), shots.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        scenario = builder.start();
        boolean ended = scenario.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the window scenario did not end within 120 s:\n" + output);
        assertEquals(0, scenario.exitValue(), output);
        for (String shot : List.of("01-ready.png", "02-playing.png", "03-paused.png", "04-stopped.png")) {
            assertTrue(Files.size(shots.resolve(shot)) > 0, shot);
        }
        // Closing the window while playing tore the session down (not left to time out).
        await().atMost(Duration.ofSeconds(5)).until(() -> rill.server.sessionCount() == 0);
    }
}
