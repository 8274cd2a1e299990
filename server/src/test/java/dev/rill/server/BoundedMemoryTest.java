package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by the prefetch window, not by file sizes: a server in its own process with a
 * heap of {@value #HEAP_MB} MB plays and seeks in a file eight times that size, and then plays 200
 * other files one after the other (more than the heap again, in all) without running out.
 */
class BoundedMemoryTest {

    static final int HEAP_MB = 128;
    /** The big file: 1 GB of frames (under the 1 GiB a media-directory file may have by default). */
    static final long BIG_BYTES = 1_000_000_000L;
    static final int SMALL_FILES = 200;
    static final int SMALL_FRAMES = 40;

    @TempDir
    Path dir;
    ChildServer server;
    /** Frames in the big file. */
    long bigFrames;

    @BeforeEach
    void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        List<byte[]> images = TestMedia.frames(20, 320, 240, 2, 0.95f, 20_000);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(media.resolve("big.Mjpeg")), 1 << 20)) {
            long written = 0;
            for (; written < BIG_BYTES; bigFrames++) {
                written += write(out, images.get((int) (bigFrames % images.size())));
            }
        }
        for (int f = 0; f < SMALL_FILES; f++) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(media.resolve("clip" + f + ".Mjpeg")))) {
                for (int i = 0; i < SMALL_FRAMES; i++) {
                    write(out, images.get((f + i) % images.size()));
                }
            }
        }
        Files.writeString(dir.resolve("server.json"), "{\"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0}}");
        server = ChildServer.start(dir.resolve("server.json"), "-Xmx" + HEAP_MB + "m");
    }

    private static int write(OutputStream out, byte[] jpeg) throws IOException {
        out.write(String.format("%05d", jpeg.length).getBytes(StandardCharsets.US_ASCII));
        out.write(jpeg);
        return 5 + jpeg.length;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFileEightTimesTheHeapPlaysAndSeeksAndTwoHundredFilesPlayInTurn() throws Exception {
        int port = server.awaitPort(ChildServer.RTSP_PORT);
        List<byte[]> images = TestMedia.frames(20, 320, 240, 2, 0.95f, 20_000);
        try (StandardClient c = new StandardClient(port, "/big.Mjpeg")) {
            c.setupUdp();
            // A frame four fifths into the file (at 20 fps, the middle of its 50 ms), then back to frame 201.
            long far = bigFrames * 4 / 5;
            String at = String.format(java.util.Locale.ROOT, "%.3f", far / 20.0 + 0.025);
            assertEquals(200, c.request("PLAY", c.url(), "Range: npt=" + at + "-").status().code(), "seek to " + at);
            await().atMost(Duration.ofSeconds(20)).until(() -> c.frames().size() >= 5);
            StandardDialectTest.assertSamePixels(images.get((int) (far % 20)), c.frames().get(0).data(), "frame " + far);
            assertEquals(200, c.request("PAUSE", c.url()).status().code());
            int before = c.frames().size();
            assertEquals(200, c.request("PLAY", c.url(), "Range: npt=10.05-").status().code());
            await().atMost(Duration.ofSeconds(20)).until(() -> c.frames().size() >= before + 5);
            // Frames still in flight at the PAUSE may come first: find the seek's first frame.
            assertTrue(c.frames().stream().skip(before).anyMatch(f -> samePixels(images.get(201 % 20), f.data())),
                    "frame 201 arrived after the seek back");
            assertEquals(200, c.request("TEARDOWN", c.url()).status().code());
        }
        for (int f = 0; f < SMALL_FILES; f++) {
            try (StandardClient c = new StandardClient(port, "/clip" + f + ".Mjpeg")) {
                c.setupUdp();
                RtspResponse play = c.request("PLAY", c.url());
                assertEquals(200, play.status().code(), "clip" + f);
                await().atMost(Duration.ofSeconds(20)).until(() -> !c.frames().isEmpty());
                assertEquals(200, c.request("TEARDOWN", c.url()).status().code());
            }
        }
        assertTrue(server.process().isAlive(), "the server is still running");
        assertFalse(server.log().stream().anyMatch(l -> l.contains("OutOfMemoryError")), server.logText());
    }

    private static boolean samePixels(byte[] expected, byte[] actual) {
        try {
            StandardDialectTest.assertSamePixels(expected, actual, "");
            return true;
        } catch (AssertionError | IOException e) {
            return false;
        }
    }
}
