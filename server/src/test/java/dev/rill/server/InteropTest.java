package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real players against a real Rill: ffprobe, ffmpeg and GStreamer's rtspsrc, over UDP and over
 * TCP, for a 4:2:0 clip, a 4:4:4 clip (re-encoded for RFC 2435) and an HD clip whose frames are
 * over 64 KB. Skipped where a program is missing, except in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    /** Frames decoded per run: enough to cross several packets and frames, quick on a busy box. */
    private static final int FRAMES = 24;

    @TempDir
    static Path dir;
    TestServer server;
    List<byte[]> clip;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(dir, "");
        clip = TestMedia.frames(60, 320, 240);
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), clip);
        TestMedia.writeMjpeg(server.media().resolve("full-chroma.Mjpeg"), TestMedia.frames(40, 384, 288, 1, 0.75f, 0));
        TestMedia.writeMjpeg(server.media().resolve("hd.Mjpeg"), hdFrames(30));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** 1280x720 frames between 64 KB and the container's 99,999 bytes. */
    private static List<byte[]> hdFrames(int count) throws Exception {
        // Random pixels make the size: adjust how many until every frame lands between 64 KB and
        // the container's limit (bounded tries).
        int noise = 8_000;
        List<byte[]> frames = TestMedia.frames(count, 1280, 720, 2, 0.9f, noise);
        for (int attempt = 0; attempt < 8; attempt++) {
            int min = frames.stream().mapToInt(f -> f.length).min().orElseThrow();
            int max = frames.stream().mapToInt(f -> f.length).max().orElseThrow();
            if (min > 66_000 && max < 99_000) {
                break;
            }
            noise = (int) (noise * (min <= 66_000 ? 74_000.0 / min : 92_000.0 / max));
            frames = TestMedia.frames(count, 1280, 720, 2, 0.9f, noise);
        }
        for (byte[] f : frames) {
            assertTrue(f.length > 65_536 && f.length <= 99_999, "HD test frame of " + f.length + " bytes");
        }
        return frames;
    }

    private String url(String file) {
        return "rtsp://127.0.0.1:" + server.port() + "/" + file;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"clip.Mjpeg, udp, 320, 240", "clip.Mjpeg, tcp, 320, 240", "full-chroma.Mjpeg, udp, 384, 288",
            "full-chroma.Mjpeg, tcp, 384, 288", "hd.Mjpeg, udp, 1280, 720", "hd.Mjpeg, tcp, 1280, 720"})
    void ffprobeSeesMjpegOfTheRightSizeAt20Fps(String file, String transport, int width, int height) throws Exception {
        ExternalProgram.require("ffprobe", "ffmpeg");
        var result = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport,
                "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,r_frame_rate",
                "-of", "default=noprint_wrappers=1", url(file)), 60);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("codec_name=mjpeg"), result.output());
        assertTrue(result.output().contains("width=" + width), result.output());
        assertTrue(result.output().contains("height=" + height), result.output());
        assertTrue(result.output().contains("r_frame_rate=20/1"), result.output());
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"clip.Mjpeg, udp", "clip.Mjpeg, tcp", "full-chroma.Mjpeg, udp", "full-chroma.Mjpeg, tcp",
            "hd.Mjpeg, udp", "hd.Mjpeg, tcp"})
    void ffmpegDecodesFramesWithNoDecoderError(String file, String transport) throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        var result = ExternalProgram.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", transport,
                "-i", url(file), "-frames:v", Integer.toString(FRAMES), "-f", "null", "-"), 90);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().isBlank(), "ffmpeg reported errors: " + result.output());
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"clip.Mjpeg, udp", "clip.Mjpeg, tcp", "full-chroma.Mjpeg, udp", "full-chroma.Mjpeg, tcp",
            "hd.Mjpeg, udp", "hd.Mjpeg, tcp"})
    void gstreamerDecodesBuffers(String file, String transport) throws Exception {
        ExternalProgram.require("gst-launch-1.0", "gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-rtsp");
        var result = ExternalProgram.run(List.of("gst-launch-1.0", "-v", "rtspsrc", "location=" + url(file),
                "protocols=" + transport, "!", "rtpjpegdepay", "!", "jpegdec", "!", "identity", "eos-after=" + FRAMES,
                "!", "fakesink", "silent=false"), 90);
        assertEquals(0, result.exitCode(), result.output());
        int decoded = count(Pattern.compile("fakesink0.*chain").matcher(result.output()));
        assertTrue(decoded >= FRAMES - 1, decoded + " buffers decoded:\n" + tail(result.output()));
        assertTrue(!result.output().contains("ERROR"), tail(result.output()));
    }

    @Test
    void ffmpegSeekStartsAtTheRightFrame() throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        Path out = dir.resolve("seek.jpg");
        var result = ExternalProgram.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-ss", "2.0", "-rtsp_transport", "tcp",
                "-i", url("clip.Mjpeg"), "-frames:v", "1", "-c:v", "copy", "-f", "image2", out.toString()), 60);
        assertEquals(0, result.exitCode(), result.output());
        BufferedImage got = ImageIO.read(out.toFile());
        int best = -1;
        double bestDiff = Double.MAX_VALUE;
        for (int i = 0; i < clip.size(); i++) {
            double diff = meanDifference(ImageIO.read(new ByteArrayInputStream(clip.get(i))), got);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = i;
            }
        }
        assertEquals(40, best, "2.0 s at 20 fps is frame 40 (0-based)");
        assertTrue(bestDiff < 1.0, "the frame should be the source's: mean difference " + bestDiff);
    }

    @Test
    void theServerStillServesTheCourseClientsAfterThePlayers() throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            assertTrue(client.setup("clip.Mjpeg").startsWith("RTSP/1.0 200 OK\r\n"));
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return Double.MAX_VALUE;
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String tail(String s) {
        List<String> lines = new ArrayList<>(s.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
