package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real players over RTSPS with a self-signed certificate from {@code gen-cert}: ffprobe and ffmpeg
 * (which take any certificate by default) and GStreamer's rtspsrc with {@code tls-validation-flags=0}.
 * Skipped where a program is missing, except in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtspsInteropTest {

    private static final int FRAMES = 24;

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() throws Exception {
        GenCertTool.write(dir, List.of("localhost", "127.0.0.1"), 30);
        java.nio.file.Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(60, 320, 240));
        server = TestServer.start(dir, "\"rtsps\": {\"port\": 0, \"certificate\": \"server.crt\", \"key\": \"server.key\"}");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String url() {
        return "rtsps://127.0.0.1:" + server.server.rtspsPort().getAsInt() + "/clip.Mjpeg";
    }

    @Test
    void ffprobeSeesMjpegOverRtsps() throws Exception {
        ExternalProgram.require("ffprobe", "ffmpeg");
        var result = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height",
                "-of", "default=noprint_wrappers=1", url()), 60);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("codec_name=mjpeg"), result.output());
        assertTrue(result.output().contains("width=320"), result.output());
        assertTrue(result.output().contains("height=240"), result.output());
    }

    @Test
    void ffprobeAsksForTcpOverRtspsByItself() throws Exception {
        ExternalProgram.require("ffprobe", "ffmpeg");
        var result = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name", "-of", "default=noprint_wrappers=1", url()), 60);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("codec_name=mjpeg"), result.output());
    }

    @Test
    void ffmpegDecodesFramesOverRtsps() throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        var result = ExternalProgram.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp",
                "-i", url(), "-frames:v", Integer.toString(FRAMES), "-f", "null", "-"), 90);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().isBlank(), "ffmpeg reported errors: " + result.output());
    }

    @Test
    void gstreamerDecodesBuffersOverRtsps() throws Exception {
        ExternalProgram.require("gst-launch-1.0", "gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-rtsp");
        var result = ExternalProgram.run(List.of("gst-launch-1.0", "-v", "rtspsrc", "location=" + url(),
                "tls-validation-flags=0", "protocols=tcp", "!", "rtpjpegdepay", "!", "jpegdec", "!", "identity",
                "eos-after=" + FRAMES, "!", "fakesink", "silent=false"), 90);
        assertEquals(0, result.exitCode(), result.output());
        Matcher m = Pattern.compile("fakesink0.*chain").matcher(result.output());
        int decoded = 0;
        while (m.find()) {
            decoded++;
        }
        assertTrue(decoded >= FRAMES - 1, decoded + " buffers decoded:\n" + result.output());
        assertTrue(!result.output().contains("ERROR"), result.output());
    }
}
