package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.CommandLineTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test card recorded in 3-second segments into the media directory: finished segments are
 * served and play back over RTSP at their recorded times, the one being written is not served,
 * the oldest beyond keepSegments go, and shutting down finishes the segment being written.
 */
class RecordingTest {

    static final Path TESTCARD_JAR = Path.of("target", "plugins", "rill-plugin-testcard.jar");
    static final String CARD = "{\"path\": \"/card\", \"source\": {\"type\": \"testcard\", \"width\": 160, \"height\": 112, \"fps\": 10}";

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void plugins() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theTestCardIsRecordedInSegmentsThatPlayBackOverRtspAtTheirRecordedTimes() throws Exception {
        server = TestServer.start(dir, "\"mounts\": [" + CARD + ", \"record\": {\"directory\": \"media/recordings\", "
                + "\"segmentSeconds\": 3, \"keepSegments\": 3}}]");
        Recorder recorder = server.server.context().recordings().recorder("/card").orElseThrow();
        SegmentNames names = new SegmentNames(dir.resolve("media/recordings"), "/card");

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.segmentsFinished() >= 1);
        Path first = names.finished().getFirst();
        Path writing = names.partial().getFirst();
        try (RawRtsp c = new RawRtsp(server.port())) {
            String url = "rtsp://127.0.0.1:" + server.port() + "/recordings/";
            assertEquals(404, c.exchange("DESCRIBE " + url + writing.getFileName() + " RTSP/1.0\r\nCSeq: 1\r\n\r\n")
                    .status().code(), "a segment being written is not served");
            assertEquals(200, c.exchange("DESCRIBE " + url + first.getFileName() + " RTSP/1.0\r\nCSeq: 2\r\n\r\n")
                    .status().code(), "a finished one is, from the media directory");
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> recorder.segmentsFinished() >= 3);
        server.close();   // finishes the fourth segment, so the first is one too many
        server = null;

        List<Path> kept = names.finished();
        assertEquals(3, kept.size(), kept.toString());
        assertFalse(kept.contains(first), "the oldest segment beyond keepSegments is deleted");
        assertFalse(Files.exists(SegmentNames.timesOf(first)), "with its times");
        assertEquals(List.of(), names.partial(), "shutting down finished the segment being written");

        server = TestServer.start(dir, "");   // the recordings are plain media files now
        for (int i = 0; i < kept.size(); i++) {
            Path segment = kept.get(i);
            List<Long> times = recordedTimes(segment);
            assertEquals(TestMedia.readMjpeg(segment).size(), times.size(), "a time for every frame of " + segment);
            double recordedSpan = (times.getLast() - times.getFirst()) / 1e9;
            if (i < kept.size() - 1) {
                assertTrue(recordedSpan > 1.5 && recordedSpan < 4, segment + " spans " + recordedSpan + " s, about 3");
            }
            if (ExternalProgram.onPath("ffprobe") || "true".equalsIgnoreCase(System.getenv("RILL_REQUIRE_INTEROP"))) {
                ExternalProgram.require("ffprobe", "ffmpeg");
                probe(segment, times, recordedSpan);
            }
        }
        ExternalProgram.require("ffprobe", "ffmpeg");   // reports the skip, after the checks without it
    }

    /** ffprobe plays the segment over RTSP to its end: every frame, stamped at its recorded time. */
    private void probe(Path segment, List<Long> times, double recordedSpan) throws Exception {
        String url = "rtsp://127.0.0.1:" + server.port() + "/recordings/" + segment.getFileName();
        ExternalProgram.Result result = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", url), 60);
        assertEquals(0, result.exitCode(), result.output());
        // One line per packet; some carry a trailing field (side data) after a comma.
        List<Double> pts = result.output().lines().map(l -> l.split(",")[0].strip()).filter(l -> l.matches("-?\\d+(\\.\\d+)?"))
                .map(Double::parseDouble).toList();
        assertEquals(times.size(), pts.size(), "ffprobe read every frame of " + segment + ":\n" + result.output());
        double span = pts.getLast() - pts.getFirst();
        assertEquals(recordedSpan, span, 0.05, "RTP timestamps follow the recorded times of " + segment);
        // The frames' times relative to the first, each as recorded (90 kHz rounding aside).
        for (int k = 0; k < pts.size(); k++) {
            assertEquals((times.get(k) - times.getFirst()) / 1e9, pts.get(k) - pts.getFirst(), 0.002, "frame " + k);
        }
    }

    static List<Long> recordedTimes(Path segment) throws IOException {
        return Files.readAllLines(SegmentNames.timesOf(segment), StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.startsWith("#")).map(Long::parseLong).toList();
    }

    /** Runs the {@code check} tool of the mjpeg plugin, as {@code java -jar rill-server.jar check} would. */
    static ExternalProgram.Result check(Path file) {
        CommandLineTool check = ServiceLoader.load(CommandLineTool.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.name().equals("check")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int exit = check.run(List.of(file.toString()), print, print);
            return new ExternalProgram.Result(exit, out.toString(StandardCharsets.UTF_8));
        }
    }
}
