package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless player against a real Rill, in both dialects and over both transports. */
class RillPlaybackTest {

    static final int CLIP_FRAMES = 30;
    static final int FPS = 40;

    @TempDir
    Path dir;
    RillFixture rill;
    List<byte[]> source;

    @BeforeEach
    void start() throws IOException {
        source = TestClips.frames(CLIP_FRAMES, 160, 120);
        TestClips.writeMjpeg(dir.resolve("media/clip.Mjpeg"), source);
        rill = RillFixture.start(dir, "[{\"path\": \"/clip.Mjpeg\", \"source\": {\"type\": \"mjpeg-file\","
                + " \"file\": \"media/clip.Mjpeg\", \"fps\": " + FPS + "}}]");
    }

    @AfterEach
    void stop() {
        rill.close();
    }

    static int headless(String... args) {
        return new HeadlessRun(Options.parse(args)).run();
    }

    @Test
    void classicDialectOverUdpWritesTheFilesJpegsByteForByte() throws IOException {
        Path out = dir.resolve("classic");
        int status = headless("--headless", "--frames", "20", "--out", out.toString(), "--stats",
                out.resolve("stats.json").toString(), "127.0.0.1", Integer.toString(rill.port()), "0", "clip.Mjpeg");
        assertEquals(0, status);
        List<byte[]> written = TestClips.written(out);
        assertEquals(20, written.size());
        Frames.assertInOrder(source, written, Frames::sameBytes);
        assertEquals(0, TestClips.stat(out.resolve("stats.json"), "packetsLost"));
    }

    @Test
    void standardDialectOverUdpShowsTheSourcesPictures() throws IOException {
        Path out = dir.resolve("udp");
        Path stats = out.resolve("stats.json");
        assertEquals(0, headless("--headless", "--frames", "20", "--out", out.toString(), "--stats", stats.toString(),
                rill.url("clip.Mjpeg")));
        List<byte[]> written = TestClips.written(out);
        assertEquals(20, written.size());
        Frames.assertInOrder(source, written, (a, b) -> Frames.samePicture(a, b, 2));
        assertEquals(0, TestClips.stat(stats, "packetsLost"));
        assertEquals(TestClips.stat(stats, "packetsExpected"), TestClips.stat(stats, "packetsReceived"));
        assertEquals(20, TestClips.stat(stats, "framesShown"));
        assertTrue(TestClips.stat(stats, "jitterMs") < 50, "jitter on loopback");
        assertEquals(0, TestClips.stat(stats, "fellBackToTcp"));
    }

    @Test
    void standardDialectOverTcpShowsTheSourcesPictures() throws IOException {
        Path out = dir.resolve("tcp");
        Path stats = out.resolve("stats.json");
        assertEquals(0, headless("--headless", "--tcp", "--frames", "20", "--out", out.toString(), "--stats",
                stats.toString(), rill.url("clip.Mjpeg")));
        List<byte[]> written = TestClips.written(out);
        assertEquals(20, written.size());
        Frames.assertInOrder(source, written, (a, b) -> Frames.samePicture(a, b, 2));
        assertEquals(0, TestClips.stat(stats, "packetsLost"));
        assertTrue(java.nio.file.Files.readString(stats).contains("\"transport\": \"TCP\""));
    }

    @Test
    void startOptionPlaysFromThatPosition() throws IOException {
        Path out = dir.resolve("start");
        assertEquals(0, headless("--headless", "--frames", "3", "--start", "0.5", "--out", out.toString(),
                rill.url("clip.Mjpeg")));
        List<byte[]> written = TestClips.written(out);
        int first = Frames.assertInOrder(source, written, (a, b) -> Frames.samePicture(a, b, 2));
        assertEquals(FPS / 2, first, "0.5 s at " + FPS + " fps");
    }

    @Test
    void playsToTheEndWithoutAFrameCount() throws IOException {
        Path out = dir.resolve("all");
        Path stats = dir.resolve("all.json");
        assertEquals(0, headless("--headless", "--out", out.toString(), "--stats", stats.toString(),
                rill.url("clip.Mjpeg")));
        List<byte[]> written = TestClips.written(out);
        Frames.assertInOrder(source, written, (a, b) -> Frames.samePicture(a, b, 2));
        // Every frame arrived; each was shown or (on a loaded machine) dropped late, and counted.
        assertEquals(CLIP_FRAMES, TestClips.stat(stats, "framesReceived"));
        assertEquals(written.size(), TestClips.stat(stats, "framesShown"));
        assertEquals(CLIP_FRAMES, written.size() + TestClips.stat(stats, "framesDropped"));
    }

    @Test
    void anUnknownVideoFailsWithTheServersAnswer() {
        assertEquals(HeadlessRun.FAILED, headless("--headless", "--frames", "1", rill.url("nothing.Mjpeg")));
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheReplyTimeout() throws IOException {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            // The backlog completes the connection; nobody reads or answers.
            int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> headless("--headless", "--frames", "1", "--rtsp-timeout", "1",
                            "rtsp://127.0.0.1:" + silent.getLocalPort() + "/x"));
            assertEquals(HeadlessRun.FAILED, status);
        }
    }

    @Test
    void noServerFailsWithoutHanging() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(HeadlessRun.FAILED, headless("--headless", "--frames", "1", "rtsp://127.0.0.1:" + port + "/x"));
    }
}
