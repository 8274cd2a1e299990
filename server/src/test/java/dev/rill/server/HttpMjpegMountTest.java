package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code http-mjpeg} plugin inside the server: a mount on ffmpeg's MJPEG HTTP server, played
 * over RTSP. ffmpeg's JPEGs carry optimised Huffman tables, which RFC 2435 cannot: the payloader
 * re-encodes them, and the viewer's depayloader rebuilds decodable pictures.
 */
class HttpMjpegMountTest {

    @TempDir
    Path dir;

    @Test
    void anHttpMjpegMountOnFfmpegPlaysOverRtsp() throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("ffmpeg.log");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", "60", "-c:v", "mjpeg", "-f", "mpjpeg",
                "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg", "-listen", "1",
                "http://127.0.0.1:" + port + "/cam.mjpg"))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // On demand: the server connects when the viewer plays (retrying until ffmpeg listens).
        try (TestServer server = TestServer.start(dir, "\"mounts\": [{\"path\": \"/esp32\", \"source\": "
                + "{\"type\": \"http-mjpeg\", \"url\": \"http://127.0.0.1:" + port + "/cam.mjpg\", \"onDemand\": true}}]");
             StandardClient client = new StandardClient(server.port(), "/esp32")) {
            assertEquals(200, client.setupUdp().status().code());
            assertEquals(200, client.request("PLAY", client.url()).status().code());
            await().atMost(Duration.ofSeconds(60)).until(() -> client.frames().size() >= 10 || !ffmpeg.isAlive());
            assertTrue(client.frames().size() >= 10, "frames: " + client.frames().size() + "; ffmpeg said: "
                    + Files.readString(log));
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(client.frames().get(9).data()));
            assertNotNull(picture, "the re-encoded frame does not decode");
            assertEquals(320, picture.getWidth());
            assertEquals(240, picture.getHeight());
        } finally {
            ffmpeg.destroy();
            if (!ffmpeg.waitFor(10, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        }
    }
}
