package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless player against a third-party server: GStreamer's gst-rtsp-server, started by the
 * test (src/test/resources/.../gst_rtsp_server.py) on loopback, streaming a live SMPTE test
 * picture as RFC 2435 JPEG.
 */
class GstInteropTest {

    @TempDir
    Path dir;
    Process server;
    int port;

    @BeforeEach
    void startServer() throws IOException, InterruptedException {
        String python = Interop.pythonWithGstRtspServer()
                .orElseGet(() -> Interop.missing("python3 with GStreamer's RTSP server (python3-gi,"
                        + " gir1.2-gst-rtsp-server-1.0) is not installed"));
        Path script = dir.resolve("gst_rtsp_server.py");
        try (InputStream in = GstInteropTest.class.getResourceAsStream("gst_rtsp_server.py")) {
            Files.copy(in, script);
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = new ProcessBuilder(python, script.toString(), Integer.toString(port)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("ready")) {
                        Thread.ofVirtual().start(() -> drain(out)); // keep its pipe from filling
                        return "ready";
                    }
                    seen.append(line).append('\n');
                }
                return seen.toString();
            } catch (IOException e) {
                return e.toString();
            }
        });
        try {
            String said = ready.get(30, TimeUnit.SECONDS);
            assertEquals("ready", said, "gst-rtsp-server did not start: " + said);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("gst-rtsp-server did not start within 30 s", e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard GStreamer's warnings
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    @AfterEach
    void stopServer() {
        Interop.end(server);
    }

    private void playAndCheck(String... flags) throws IOException {
        Path out = dir.resolve("frames");
        Path stats = dir.resolve("stats.json");
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(flags), java.util.stream.Stream.of(
                "--headless", "--frames", "10", "--out", out.toString(), "--stats", stats.toString(),
                "rtsp://127.0.0.1:" + port + "/test")).toArray(String[]::new);
        assertEquals(0, RillPlaybackTest.headless(args));
        List<byte[]> frames = TestClips.written(out);
        assertEquals(10, frames.size());
        for (byte[] frame : frames) {
            BufferedImage picture = Pictures.decode(frame).orElseThrow(() -> new AssertionError("undecodable frame"));
            assertEquals(320, picture.getWidth());
            assertEquals(240, picture.getHeight());
            // SMPTE bars: light grey on the left, blue on the right.
            int left = picture.getRGB(20, 60);
            int right = picture.getRGB(300, 60);
            assertTrue(red(left) > 150 && green(left) > 150 && blue(left) > 150, Integer.toHexString(left));
            assertTrue(blue(right) > 150 && red(right) < 80 && green(right) < 80, Integer.toHexString(right));
        }
        assertEquals(0, TestClips.stat(stats, "packetsLost"));
        assertTrue(TestClips.stat(stats, "packetsReceived") > 10);
    }

    @Test
    void playsGStreamersMjpegStreamOverUdp() throws IOException {
        playAndCheck();
    }

    @Test
    void playsGStreamersMjpegStreamOverTcp() throws IOException {
        playAndCheck("--tcp");
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
