package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.server.PublishingProgram.Kind;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real publishers (ffmpeg and GStreamer's rtspclientsink, over TCP and UDP) to a {@code publish}
 * mount, watched by real viewers (ffprobe, ffmpeg, GStreamer's rtspsrc) and the tests' own
 * client: the viewers see the publisher's picture size and frame rate; when the publisher ends
 * (TEARDOWN, or killed) viewers get RTCP BYE, DESCRIBE gets 404 again and the next publisher is
 * taken; a second publisher at once gets 455. Frame rates are measured on the stream's own
 * timestamps (so that frames lost over UDP leave gaps but do not move the rate), never on the
 * wall clock. Skipped where a program is missing, except in CI.
 */
class PublishInteropTest {

    /** Frames each viewer takes: a second's worth, quick on a busy box. */
    private static final int FRAMES = 26;
    /** Long enough for every viewer to finish; the publisher is killed when the test is done. */
    private static final int PUBLISH_SECONDS = 60;
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir, """
                "mounts": [{"path": "/live", "source": {"type": "publish"}}]""");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "rtsp://127.0.0.1:" + server.port() + "/live";
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void viewersSeeThePublishersPictureSizeAndFrameRate(Kind kind) throws Exception {
        kind.require();
        ExternalProgram.require("ffprobe", "ffmpeg");
        ExternalProgram.require("ffmpeg", "ffmpeg");
        ExternalProgram.require("gst-launch-1.0", "gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-rtsp");
        try (PublishingProgram publisher = PublishingProgram.start(kind, url(), PUBLISH_SECONDS);
             ExecutorService viewers = Executors.newVirtualThreadPerTaskExecutor()) {
            awaitPublishing(publisher);
            List<Future<?>> watching = List.of(
                    viewers.submit(() -> ffprobeSeesTheStream("tcp")),
                    viewers.submit(() -> ffmpegDecodesTheStream("udp")),
                    viewers.submit(() -> gstreamerDecodesTheStream("tcp")),
                    viewers.submit(() -> ownClientGetsTheStream()));
            for (Future<?> viewer : watching) {
                outcome(viewer, publisher);
            }
        }
    }

    @ParameterizedTest(name = "{0}, killed: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"FFMPEG_TCP, false", "FFMPEG_UDP, true", "GSTREAMER_UDP, false",
            "GSTREAMER_TCP, true"})
    void whenThePublisherGoesViewersGetByeTheMountIs404AndTheNextPublisherIsTaken(Kind kind, boolean killed)
            throws Exception {
        kind.require();
        // Ended normally: a bounded run (ffmpeg then sends TEARDOWN, rtspclientsink PAUSE and
        // TEARDOWN after EOS); killed: the connection just closes.
        try (PublishingProgram publisher = PublishingProgram.start(kind, url(), killed ? PUBLISH_SECONDS : 6);
             StandardClient viewer = new StandardClient(server.port(), "/live")) {
            awaitPublishing(publisher);
            assertEquals(200, viewer.setupUdp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(GENEROUS).until(() -> viewer.frames().size() >= 5); // well before a 6 s run ends
            if (killed) {
                publisher.kill();
            } else {
                assertEquals(0, publisher.awaitExit(30), publisher.output());
            }
            await().atMost(GENEROUS).until(() -> viewer.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
            await().atMost(GENEROUS).until(() -> describe().status().code() == 404);
            assertTrue(describe().status().reason().contains("nobody is publishing"), describe().status().reason());
        }
        ExternalProgram.require("ffmpeg", "ffmpeg");
        try (PublishingProgram next = PublishingProgram.start(Kind.FFMPEG_TCP, url(), PUBLISH_SECONDS);
             StandardClient viewer = new StandardClient(server.port(), "/live")) {
            awaitPublishing(next);
            assertEquals(200, viewer.setupTcp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(GENEROUS).until(() -> viewer.frames().size() >= 10);
        }
    }

    @Test
    void aSecondPublisherGets455WhileTheFirstPublishes() throws Exception {
        Kind.FFMPEG_TCP.require();
        try (PublishingProgram first = PublishingProgram.start(Kind.FFMPEG_TCP, url(), PUBLISH_SECONDS);
             RawRtsp second = new RawRtsp(server.port())) {
            awaitPublishing(first);
            String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=second\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\n";
            RtspResponse announce = second.exchange("ANNOUNCE " + url() + " RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            assertEquals(455, announce.status().code(), announce.status().reason());
            var ffmpeg = ExternalProgram.run(Kind.FFMPEG_TCP.command(url(), 2), 60);
            assertNotEquals(0, ffmpeg.exitCode(), ffmpeg.output());
            assertTrue(ffmpeg.output().contains("455"), ffmpeg.output());
            assertTrue(first.alive(), "the first publisher goes on: " + first.output());
            assertEquals(200, describe().status().code());
        }
    }

    /** Waits until the publisher has announced (DESCRIBE answers 200); fails early if it exits. */
    private void awaitPublishing(PublishingProgram publisher) throws IOException {
        try {
            await().atMost(GENEROUS).until(() -> {
                if (!publisher.alive()) {
                    throw new AssertionError("the publisher ended before publishing");
                }
                return describe().status().code() == 200;
            });
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("no publisher at " + url() + ":\n" + publisher.output(), e);
        }
    }

    private RtspResponse describe() throws IOException {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            return rtsp.exchange("DESCRIBE " + url() + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
        }
    }

    private Void ffprobeSeesTheStream(String transport) throws Exception {
        var result = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport,
                "-select_streams", "v:0", "-read_intervals", "%+#" + FRAMES,
                "-show_entries", "stream=codec_name,width,height,r_frame_rate:frame=pts_time,width,height",
                "-of", "compact", url()), 60);
        String out = result.output();
        assertEquals(0, result.exitCode(), "ffprobe: " + out);
        assertTrue(out.contains("codec_name=mjpeg|width=640|height=480|r_frame_rate=25/1"), "ffprobe: " + out);
        List<Double> times = new ArrayList<>();
        Matcher frame = Pattern.compile("frame\\|pts_time=([0-9.]+)\\|width=(\\d+)\\|height=(\\d+)").matcher(out);
        while (frame.find()) {
            assertEquals("640x480", frame.group(2) + "x" + frame.group(3), "ffprobe: " + out);
            times.add(Double.parseDouble(frame.group(1)));
        }
        assertTrue(times.size() >= FRAMES - 1, "ffprobe read " + times.size() + " frames: " + out);
        assertRate("ffprobe", times);
        return null;
    }

    private Void ffmpegDecodesTheStream(String transport) throws Exception {
        var result = ExternalProgram.run(List.of("ffmpeg", "-nostdin", "-v", "info", "-rtsp_transport", transport,
                "-i", url(), "-frames:v", Integer.toString(FRAMES), "-vf", "showinfo", "-f", "null", "-"), 60);
        String out = result.output();
        assertEquals(0, result.exitCode(), "ffmpeg: " + out);
        List<Double> times = new ArrayList<>();
        Matcher frame = Pattern.compile("n: *\\d+ pts: *-?\\d+ pts_time:([0-9.]+) .*? s:(\\d+x\\d+)").matcher(out);
        while (frame.find()) {
            assertEquals("640x480", frame.group(2), "ffmpeg: " + out);
            times.add(Double.parseDouble(frame.group(1)));
        }
        assertEquals(FRAMES, times.size(), "frames ffmpeg decoded: " + out);
        assertRate("ffmpeg", times);
        return null;
    }

    private Void gstreamerDecodesTheStream(String transport) throws Exception {
        var result = ExternalProgram.run(List.of("gst-launch-1.0", "-v", "rtspsrc", "location=" + url(),
                // buffer-mode=none: buffer times from the RTP timestamps alone, not skewed toward arrival.
                "protocols=" + transport, "latency=200", "buffer-mode=none", "!", "rtpjpegdepay", "!", "jpegdec", "!", "identity",
                "eos-after=" + FRAMES, "!", "fakesink", "silent=false"), 60);
        String out = result.output();
        assertEquals(0, result.exitCode(), "gst-launch-1.0: " + out);
        assertTrue(out.contains("fakesink0.GstPad:sink: caps = video/x-raw"), "gst-launch-1.0: " + out);
        Matcher caps = Pattern.compile("fakesink0\\.GstPad:sink: caps = video/x-raw.*?width=\\(int\\)(\\d+), "
                + "height=\\(int\\)(\\d+)").matcher(out);
        while (caps.find()) {
            assertEquals("640x480", caps.group(1) + "x" + caps.group(2), "gst-launch-1.0: " + out);
        }
        List<Double> times = new ArrayList<>();
        Matcher buffer = Pattern.compile("fakesink0.*chain.*?pts: (\\d+):(\\d+):(\\d+\\.\\d+)").matcher(out);
        while (buffer.find()) {
            times.add(Integer.parseInt(buffer.group(1)) * 3600.0 + Integer.parseInt(buffer.group(2)) * 60.0
                    + Double.parseDouble(buffer.group(3)));
        }
        assertTrue(times.size() >= FRAMES - 2, times.size() + " buffers decoded: " + out);
        assertRate("GStreamer", times);
        return null;
    }

    private Void ownClientGetsTheStream() throws Exception {
        try (StandardClient viewer = new StandardClient(server.port(), "/live")) {
            assertEquals(200, viewer.setupUdp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(GENEROUS).until(() -> viewer.frames().size() >= FRAMES);
            List<Double> times = new ArrayList<>();
            long first = viewer.frames().getFirst().timestamp();
            for (ReceivedFrame frame : viewer.frames()) {
                assertEquals(new VideoSize(640, 480), JpegSize.of(frame.data()).orElseThrow());
                times.add((int) (frame.timestamp() - first) / 90_000.0); // RFC 3550 §5.1: modulo 2^32
            }
            assertRate("the tests' client", times);
        }
        return null;
    }

    /**
     * The stream is stamped at the publisher's 25 fps: the shortest interval between frames is
     * 1/25 s, and every interval is a whole number of them (frames lost over UDP leave gaps of
     * two or more, which neither a median nor a count over the span would survive).
     */
    private static void assertRate(String viewer, List<Double> seconds) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < seconds.size(); i++) {
            steps.add(seconds.get(i) - seconds.get(i - 1));
        }
        assertTrue(steps.size() >= 10, viewer + ": too few frames to measure a rate: " + seconds);
        double shortest = steps.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double rate = 1 / shortest;
        assertEquals(PublishingProgram.FPS, rate, 0.5, viewer + " sees " + rate + " fps; frame times " + seconds);
        double frame = 1.0 / PublishingProgram.FPS;
        for (double step : steps) {
            double frames = step / frame;
            assertEquals(Math.round(frames), frames, 0.05, viewer + ": a step of " + step + " s; frame times " + seconds);
        }
    }

    /** Waits for one viewer, bounded, and rethrows what failed it, with the publisher's output. */
    private static void outcome(Future<?> viewer, PublishingProgram publisher) throws Exception {
        try {
            viewer.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                failed.addSuppressed(new AssertionError("publisher: " + publisher.output()));
                throw failed;
            }
            throw e;
        } catch (TimeoutException e) {
            viewer.cancel(true);
            throw new AssertionError("a viewer did not finish in 120 s; publisher: " + publisher.output(), e);
        }
    }
}
