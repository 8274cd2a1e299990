package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording server killed with SIGKILL mid-segment, in its own process: the half-written
 * segment it leaves holds whole frames ({@code check} passes), and the next start puts it in place,
 * cut after its last whole frame.
 */
class RecordingCrashTest {

    private static final String MOUNTS = "\"mounts\": [" + RecordingTest.CARD + ", \"record\": {\"directory\": "
            + "\"media/recordings\", \"segmentSeconds\": 600, \"keepSegments\": 5}}]";

    @TempDir
    Path dir;

    @Test
    void aSegmentCutBySigkillPassesCheckAndIsRecoveredOnTheNextStart() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(RecordingTest.TESTCARD_JAR), "the build did not copy " + RecordingTest.TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.createDirectories(dir.resolve("media"));
        Files.copy(RecordingTest.TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        Files.writeString(dir.resolve("server.json"), "{\"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"mediaDirectory\": \"media\", " + MOUNTS + "}");
        SegmentNames names = new SegmentNames(dir.resolve("media/recordings"), "/card");

        Path part = recordThenKill(names);

        ExternalProgram.Result check = RecordingTest.check(part);
        assertEquals(0, check.exitCode(), "check of the segment as SIGKILL left it:\n" + check.output());
        int frames = TestMedia.readMjpeg(part).size();
        Path timesPart = SegmentNames.partOf(SegmentNames.timesOf(SegmentNames.finishedName(part).orElseThrow()));
        long times = Files.readAllLines(timesPart).stream().filter(l -> !l.startsWith("#")).count();
        assertTrue(times <= frames && times >= frames - 1, times + " times for " + frames + " frames");
        // What a kill during a write (or a full disk) could leave besides: a frame cut short.
        byte[] lastFrame = TestMedia.readMjpeg(part).getLast();
        Files.write(part, "%05d".formatted(lastFrame.length).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        Files.write(part, Arrays.copyOf(lastFrame, lastFrame.length / 2), StandardOpenOption.APPEND);
        assertEquals(1, RecordingTest.check(part).exitCode(), "check finds the frame cut short");

        Path recovered = SegmentNames.finishedName(part).orElseThrow();
        try (TestServer server = TestServer.start(dir, MOUNTS)) {
            assertFalse(Files.exists(part), "the half-written segment was put in place");
            assertTrue(names.finished().contains(recovered), names.finished().toString());
            assertEquals(frames, TestMedia.readMjpeg(recovered).size(), "cut after its last whole frame");
            assertEquals(0, RecordingTest.check(recovered).exitCode());
            assertEquals(times, RecordingTest.recordedTimes(recovered).size());
            try (RawRtsp c = new RawRtsp(server.port())) {
                assertEquals(200, c.exchange("DESCRIBE rtsp://127.0.0.1:" + server.port() + "/recordings/"
                        + recovered.getFileName() + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").status().code(), "and served");
            }
            Recorder recorder = server.server.context().recordings().recorder("/card").orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.recorded() > 0);
        }
        assertEquals(2, names.finished().size(), "the recovered segment, and the one the restarted server finished");
    }

    /** Starts the server as a child process, waits for several frames in the segment, kills it; the segment's part file. */
    private Path recordThenKill(SegmentNames names) throws Exception {
        try (ChildServer server = ChildServer.start(dir.resolve("server.json"))) {
            server.awaitPort(ChildServer.RTSP_PORT);
            await().atMost(Duration.ofSeconds(30)).until(() -> names.partial().size() == 1
                    && Files.size(names.partial().getFirst()) > 20_000);
            server.kill();   // no shutdown hook, no segment finished
            assertTrue(server.exited(20), "the server must die");
            assertEquals(137, server.process().exitValue(), "killed by SIGKILL");
            assertEquals(List.of(), names.finished(), "nothing finished the segment");
            return names.partial().getFirst();
        }
    }
}
