package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real clients against a server with users: ffprobe and ffmpeg (credentials in the URL) and
 * GStreamer's rtspsrc ({@code user-id}/{@code user-pw}), with Digest only and with Basic only;
 * skipped with the reason when a program is missing (failed in CI, see {@link ExternalProgram}).
 */
class AuthInteropTest {

    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String method) throws Exception {
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(40, 160, 120));
        server = TestServer.start(dir, "\"mounts\": ["
                + " { \"path\": \"/cam\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true} },"
                + " { \"path\": \"/public/cam\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true} },"
                + " { \"path\": \"/live\", \"source\": { \"type\": \"publish\" } } ],"
                + " \"auth\": { \"methods\": [\"" + method + "\"], \"users\": ["
                + " { \"user\": \"viewer\", \"password\": \"secret\", \"permissions\": [ { \"action\": \"read\" } ] },"
                + " { \"user\": \"any\", \"permissions\": [ { \"action\": \"read\", \"path\": \"/public/*\" } ] } ] }");
    }

    private String url(String credentials, String path) {
        return "rtsp://" + credentials + "127.0.0.1:" + server.port() + path;
    }

    private ExternalProgram.Result ffprobe(String url) throws Exception {
        return ExternalProgram.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name", "-of", "default=noprint_wrappers=1", url), 60);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"digest", "basic"})
    void ffprobeWithTheRightWrongAndNoPassword(String method) throws Exception {
        ExternalProgram.require("ffprobe", "ffmpeg");
        start(method);
        ExternalProgram.Result right = ffprobe(url("viewer:secret@", "/cam"));
        assertEquals(0, right.exitCode(), right.output());
        assertTrue(right.output().contains("codec_name=mjpeg"), right.output());
        ExternalProgram.Result wrong = ffprobe(url("viewer:wrong@", "/cam"));
        assertNotEquals(0, wrong.exitCode(), wrong.output());
        assertTrue(wrong.output().contains("401"), wrong.output());
        ExternalProgram.Result none = ffprobe(url("", "/cam"));
        assertNotEquals(0, none.exitCode(), none.output());
        assertTrue(none.output().contains("401"), none.output());
        ExternalProgram.Result anonymous = ffprobe(url("", "/public/cam"));
        assertEquals(0, anonymous.exitCode(), anonymous.output());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"digest", "basic"})
    void gstreamerWithTheRightAndWrongPassword(String method) throws Exception {
        ExternalProgram.require("gst-launch-1.0", "gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-rtsp");
        start(method);
        ExternalProgram.Result right = gst("secret");
        assertEquals(0, right.exitCode(), right.output());
        ExternalProgram.Result wrong = gst("wrong");
        assertNotEquals(0, wrong.exitCode(), wrong.output());
    }

    private ExternalProgram.Result gst(String password) throws Exception {
        return ExternalProgram.run(List.of("gst-launch-1.0", "rtspsrc", "location=" + url("", "/cam"), "user-id=viewer",
                "user-pw=" + password, "protocols=tcp", "!", "rtpjpegdepay", "!", "jpegdec", "!", "identity", "eos-after=5",
                "!", "fakesink"), 60);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"digest", "basic"})
    void aReadOnlyUserCannotPublishWithFfmpeg(String method) throws Exception {
        ExternalProgram.require("ffmpeg", "ffmpeg");
        start(method);
        ExternalProgram.Result publish = ExternalProgram.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=10", "-t", "2", "-c:v", "mjpeg", "-f", "rtsp", "-rtsp_transport", "tcp",
                url("viewer:secret@", "/live")), 60);
        assertNotEquals(0, publish.exitCode(), publish.output());
        assertTrue(publish.output().contains("403"), publish.output());
    }
}
