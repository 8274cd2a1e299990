package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    /** As Rill's DESCRIBE renders it. */
    private static final String RILL = """
            v=0\r
            o=- 2914201452 3940000000 IN IP4 127.0.0.1\r
            s=/movie.Mjpeg\r
            i=Rill: movie.Mjpeg\r
            c=IN IP4 0.0.0.0\r
            t=0 0\r
            a=tool:Rill\r
            a=type:broadcast\r
            a=control:*\r
            a=range:npt=0-28.850\r
            m=video 0 RTP/AVP 26\r
            a=rtpmap:26 JPEG/90000\r
            a=framerate:20\r
            a=control:trackID=0\r
            """;

    /** As gst-rtsp-server 1.22 renders a live videotestsrc ! jpegenc ! rtpjpegpay. */
    private static final String GSTREAMER = """
            v=0
            o=- 1188340656180883 1 IN IP4 127.0.0.1
            s=Session streamed with GStreamer
            i=rtsp-server
            t=0 0
            a=tool:GStreamer
            a=type:broadcast
            a=range:npt=now-
            a=control:*
            m=video 0 RTP/AVP 26
            c=IN IP4 0.0.0.0
            b=AS:1
            a=rtpmap:26 JPEG/90000
            a=framerate:20
            a=control:stream=0
            a=ts-refclk:local
            a=mediaclk:sender
            m=audio 0 RTP/AVP 0
            a=control:stream=1
            """;

    @Test
    void readsRillsDescription() {
        SessionDescription sdp = SessionDescription.parse(RILL);
        assertEquals(26, sdp.payloadType());
        assertEquals("JPEG", sdp.encoding());
        assertEquals(90_000, sdp.clockRate());
        assertEquals(Optional.of(Duration.ofMillis(28_850)), sdp.duration());
        assertEquals(20.0, sdp.frameRate().orElseThrow());
        String base = "rtsp://127.0.0.1:8554/movie.Mjpeg/";
        assertEquals(base + "trackID=0", sdp.setupUrl(base));
        assertEquals(base, sdp.aggregateUrl(base));
    }

    @Test
    void readsGStreamersLiveDescriptionWithoutLength() {
        SessionDescription sdp = SessionDescription.parse(GSTREAMER);
        assertEquals("JPEG", sdp.encoding());
        assertTrue(sdp.duration().isEmpty());
        assertEquals(Optional.of("stream=0"), sdp.mediaControl()); // the audio stream's control is not taken
        assertEquals("rtsp://127.0.0.1:8554/test/stream=0", sdp.setupUrl("rtsp://127.0.0.1:8554/test/"));
    }

    @Test
    void appendsARelativeControlToABaseWithoutSlash() {
        SessionDescription sdp = SessionDescription.parse(RILL);
        assertEquals("rtsp://h/movie.Mjpeg/trackID=0", sdp.setupUrl("rtsp://h/movie.Mjpeg"));
    }

    @Test
    void takesAnAbsoluteControlAsItIs() {
        SessionDescription sdp = SessionDescription.parse(RILL.replace("a=control:trackID=0", "a=control:rtsp://other/x"));
        assertEquals("rtsp://other/x", sdp.setupUrl("rtsp://h/movie.Mjpeg/"));
    }

    @Test
    void staticPayloadType26WithoutRtpmapIsJpegAt90kHz() {
        SessionDescription sdp = SessionDescription.parse("v=0\r\nm=video 0 RTP/AVP 26\r\n");
        assertEquals("JPEG", sdp.encoding());
        assertEquals(90_000, sdp.clockRate());
        assertTrue(sdp.mediaControl().isEmpty());
        assertEquals("rtsp://h/x", sdp.setupUrl("rtsp://h/x"));
    }

    @Test
    void refusesADescriptionWithoutVideo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionDescription.parse("v=0\r\nm=audio 0 RTP/AVP 0\r\n"));
        assertTrue(e.getMessage().contains("no video"), e.getMessage());
    }

    @Test
    void readsADynamicPayloadTypeMappedToJpeg() {
        SessionDescription sdp = SessionDescription.parse("v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 jpeg/90000\r\n"
                + "a=control:rtsp://camera.lan/stream1/track1\r\n");
        assertEquals(96, sdp.payloadType());
        assertEquals("JPEG", sdp.encoding());
        assertEquals(90_000, sdp.clockRate());
        assertEquals("rtsp://camera.lan/stream1/track1", sdp.setupUrl("rtsp://camera.lan/stream1/"));
        assertEquals("rtsp://camera.lan/stream1/", sdp.aggregateUrl("rtsp://camera.lan/stream1/"));
    }

    /** Found by SessionDescriptionFuzzTest: "/".split("/") is an empty array, and map[0] threw. */
    @Test
    void refusesAnRtpmapWithNeitherEncodingNorClockRate() {
        for (String rtpmap : List.of("a=rtpmap:97 /", "a=rtpmap:97 //", "a=rtpmap:97  /90000", "a=rtpmap:97 jpeg/")) {
            assertThrows(IllegalArgumentException.class,
                    () -> SessionDescription.parse("v=0\r\nm=video 4 RTP/AVP 97\r\n" + rtpmap + "\r\n"), rtpmap);
        }
    }
}
