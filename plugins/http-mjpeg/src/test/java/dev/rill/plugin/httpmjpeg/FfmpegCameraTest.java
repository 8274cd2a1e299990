package dev.rill.plugin.httpmjpeg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.VideoSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg as a real MJPEG HTTP camera (chunked, Content-Length per part, optimised Huffman tables). */
class FfmpegCameraTest {

    @TempDir
    Path dir;

    @Test
    void framesFromFfmpegsMjpegServerArriveWholeAndDecode() throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("ffmpeg.log");
        Process ffmpeg = ExternalProgram.start(List.of("ffmpeg", "-nostdin", "-v", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", "60", "-c:v", "mjpeg", "-f", "mpjpeg",
                "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg", "-listen", "1",
                "http://127.0.0.1:" + port + "/cam.mjpg"), log);
        List<Frame> received = new CopyOnWriteArrayList<>();
        // Connection refused until ffmpeg listens: the source retries every 50..200 ms meanwhile.
        try (HttpMjpegSource source = new HttpMjpegSource(new HttpMjpegConfig("http://127.0.0.1:" + port + "/cam.mjpg",
                true, null, null), new HttpMjpegSource.Timing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO))) {
            source.start(received::add);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 10 || !ffmpeg.isAlive());
            assertTrue(received.size() >= 10, "frames: " + received.size() + "; ffmpeg said: " + Files.readString(log));
            assertEquals(Optional.of(new VideoSize(320, 240)), source.videoSize());
            assertEquals(0, source.framesDropped());
            for (int i = 1; i < received.size(); i++) {
                assertTrue(received.get(i).timeNanos() > received.get(i - 1).timeNanos());
            }
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(received.get(9).bytes()));
            assertNotNull(picture, "ImageIO could not decode frame 9");
            assertEquals(320, picture.getWidth());
        } finally {
            ffmpeg.destroy();
            if (!ffmpeg.waitFor(10, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        }
    }
}
