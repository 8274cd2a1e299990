package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LoadGeneratorPartsTest {

    @Test
    void sdpGivesTheVideoControlFrameRateAndClock() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=/movie.Mjpeg\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "a=control:*\r\na=range:npt=0-28.850\r\nm=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\n"
                + "a=framerate:20\r\na=control:trackID=0\r\n";
        SdpInfo info = SdpInfo.parse(sdp);
        assertEquals("trackID=0", info.control());
        assertEquals(OptionalDouble.of(20), info.frameRate());
        assertEquals(90_000, info.clockRate());
    }

    @Test
    void sdpWithoutMediaControlFallsBackToTheSessionLevel() {
        SdpInfo info = SdpInfo.parse("v=0\na=control:rtsp://h/x\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
        assertEquals("rtsp://h/x", info.control());
        assertFalse(info.frameRate().isPresent());
    }

    @Test
    void controlUrlsResolveAgainstTheBase() {
        assertEquals("rtsp://h:1/m/trackID=0", RtspUrl.resolveControl("rtsp://h:1/m/", "trackID=0"));
        assertEquals("rtsp://h:1/m/trackID=0", RtspUrl.resolveControl("rtsp://h:1/m", "trackID=0"));
        assertEquals("rtsp://o/t", RtspUrl.resolveControl("rtsp://h:1/m", "rtsp://o/t"));
        assertEquals("rtsp://h:1/m", RtspUrl.resolveControl("rtsp://h:1/m", "*"));
    }

    @Test
    void urlsParseWithTheDefaultPort() {
        RtspUrl url = RtspUrl.parse("rtsp://127.0.0.1/movie.Mjpeg");
        assertEquals("127.0.0.1", url.host());
        assertEquals(554, url.port());
        assertEquals(8554, RtspUrl.parse("rtsp://[::1]:8554/x").port());
        assertEquals("::1", RtspUrl.parse("rtsp://[::1]:8554/x").host());
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("http://127.0.0.1/x"));
    }

    @Test
    void optionsHaveDefaultsForALoopbackRun() throws Exception {
        GeneratorOptions o = GeneratorOptions.parse();
        assertEquals(GeneratorOptions.DEFAULT_URL, o.url());
        assertEquals(100, o.sessions());
        assertEquals(64, o.rampConcurrency());
        assertFalse(o.tcp());
        GeneratorOptions t = GeneratorOptions.parse("--sessions", "3_000", "--tcp", "--duration", "600", "--drift",
                "--server-pid", "1234", "--heap", "--expected-fps", "25");
        assertEquals(3000, t.sessions());
        assertTrue(t.tcp() && t.drift() && t.heap());
        assertEquals(25, t.expectedFps().getAsDouble());
        assertEquals(GeneratorOptions.DEFAULT_POLL_MICROS, o.pollMicros());
        assertEquals(0, GeneratorOptions.parse("--poll-us", "0").pollMicros());
        assertFalse(o.sendCostMicros().isPresent()); // measured by the run itself
    }

    @Test
    void anHttpUrlMakesHttpViewersAndPublishOptionsParse() throws Exception {
        GeneratorOptions h = GeneratorOptions.parse("--url", "http://127.0.0.1:8080/stream/movie.Mjpeg?t=2", "--sessions", "200");
        assertTrue(h.http());
        assertEquals(new HttpTarget("http://127.0.0.1:8080/stream/movie.Mjpeg?t=2", "127.0.0.1", 8080,
                "/stream/movie.Mjpeg?t=2"), h.httpUrl());
        assertEquals("127.0.0.1:8080", h.httpUrl().hostHeader());
        assertEquals(80, HttpTarget.parse("http://localhost").port());
        assertEquals("/", HttpTarget.parse("http://localhost").target());
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--url", "http://127.0.0.1/x", "--tcp"));

        GeneratorOptions p = GeneratorOptions.parse("--url", "rtsp://127.0.0.1:18554/live",
                "--publish", "rtsp://127.0.0.1:18554/live", "--publish-size", "320x240", "--publish-fps", "30",
                "--latency-sample", "5");
        assertFalse(p.http());
        assertEquals("rtsp://127.0.0.1:18554/live", p.publish().orElseThrow().text());
        assertEquals(new dev.rill.spi.VideoSize(320, 240), p.publishSize());
        assertEquals(30, p.publishFps());
        assertEquals(5, p.latencySample());
        assertEquals(new dev.rill.spi.VideoSize(640, 480), GeneratorOptions.parse().publishSize());
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--publish-size", "640"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--publish-size", "4000x480"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--url", "http://127.0.0.1/x",
                "--publish", "rtsp://127.0.0.1/live"));
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorOptions.parse("--sessions", "many"));
        assertTrue(e.getMessage().contains("--sessions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--heap"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--receivers", "3"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--bogus", "1"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--poll-us", "-1"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.parse("--duration"));
        assertThrows(GeneratorOptions.HelpRequested.class, () -> GeneratorOptions.parse("--help"));
    }

    @Test
    void theYardstickIsAMedianOfItsRounds() throws Exception {
        for (long poll : new long[] {0, 1_000_000}) {
            BareSend.Result r = BareSend.measure(200, 2_000, 3, 4, poll);
            assertTrue(r.minMicros() > 0 && r.minMicros() <= r.medianMicros() && r.medianMicros() <= r.maxMicros(),
                    r.describe());
            assertEquals(3, r.rounds());
            assertEquals(4, r.destinations());
        }
        assertThrows(IllegalArgumentException.class, () -> BareSend.measure(70_000, 1, 1, 1, 0));
    }

    @Test
    void failureReasonsGroupSessionsThatFailedAlike() {
        assertEquals("ConnectException: Connection refused",
                Ramp.reason(new java.net.ConnectException("Connection refused")));
        assertEquals(Ramp.reason(new java.io.IOException("port 40000 busy")),
                Ramp.reason(new java.io.IOException("port 40002 busy")));
        assertEquals("SETUP 461 Unsupported Transport", Ramp.reason(new Handshake.Refused("SETUP 461 Unsupported Transport")));
        assertEquals("bad RTSP from server: header line is not 'name: value'", Ramp.reason(new java.io.IOException(
                "the server sent something that is not RTSP", new dev.rill.wire.RtspParseException(
                        dev.rill.spi.RtspStatus.BAD_REQUEST, "header line is not 'name: value'"))));
    }
}
