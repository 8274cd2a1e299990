package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each error status, produced by a request that deserves it. */
class ErrorAnswersTest {

    @TempDir
    Path dir;
    TestServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, "");
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), TestMedia.frames(10, 64, 48));
        url = "rtsp://127.0.0.1:" + server.port() + "/clip.Mjpeg";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void optionsListsEveryMethodInPublic() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("OPTIONS " + url + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertEquals(200, r.status().code());
            String methods = r.headers().first(RtspHeaders.PUBLIC).orElseThrow();
            for (String m : new String[] {"OPTIONS", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER"}) {
                assertTrue(methods.contains(m), methods);
            }
            assertEquals("1", r.headers().first(RtspHeaders.CSEQ).orElseThrow());
        }
    }

    @Test
    void requestWithoutCSeqGets400WithTheReason() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("OPTIONS " + url + " RTSP/1.0\r\nUser-Agent: test\r\n\r\n");
            assertEquals(400, r.status().code());
            assertTrue(r.status().reason().contains("CSeq"), r.status().reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1a", "-1", "+1", "1.5", "0x10", "12345678901"})
    void aCSeqThatIsNotANumberGets400(String cseq) throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("OPTIONS " + url + " RTSP/1.0\r\nCSeq: " + cseq + "\r\n\r\n");
            assertEquals(400, r.status().code(), cseq);
            assertTrue(r.status().reason().contains("CSeq"), r.status().reason());
        }
    }

    @Test
    void aCSeqWithSpacesAroundItIsANumberAndIsEchoedWithout() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("OPTIONS " + url + " RTSP/1.0\r\nCSeq:   42 \t\r\n\r\n");
            assertEquals(200, r.status().code());
            assertEquals("42", r.headers().first(RtspHeaders.CSEQ).orElseThrow());
            assertEquals(200, c.exchange("OPTIONS * RTSP/1.0\r\nCSeq:0\r\n\r\n").status().code());
        }
    }

    @Test
    void malformedRequestLineGets400AndClose() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("THIS IS NOT RTSP AT ALL\r\nCSeq: 1\r\n\r\n");
            assertEquals(400, r.status().code());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unknownMediaGets404() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("SETUP rtsp://127.0.0.1:" + server.port() + "/nothing.Mjpeg/trackID=0 RTSP/1.0\r\n"
                    + "CSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertEquals(404, r.status().code());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../server.json", "/%2e%2e/server.json", "/%2E%2E%2Fserver.json", "/..%2fserver.json",
            "/media/../server.json", "//etc/passwd", "/%2Fetc%2Fpasswd", "/..\\server.json", "/clip.Mjpeg%00.txt",
            "/.hidden.Mjpeg", "/%c0%ae%c0%ae/server.json"})
    void targetsOutsideTheMediaDirectoryGet404(String path) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("secret.Mjpeg"), "00001x");
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("SETUP rtsp://127.0.0.1:" + server.port() + path + " RTSP/1.0\r\n"
                    + "CSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertTrue(r.status().code() == 404 || r.status().code() == 400, path + " -> " + r.status());
        }
    }

    @Test
    void parentDirectoryFileByBareNameGets404() throws Exception {
        TestMedia.writeMjpeg(dir.resolve("outside.Mjpeg"), TestMedia.frames(2, 32, 32));
        try (ClassicClient c = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            assertTrue(c.setup("../outside.Mjpeg").startsWith("RTSP/1.0 404 "));
            assertTrue(c.setup(dir.resolve("outside.Mjpeg").toString()).startsWith("RTSP/1.0 404 "));
        }
    }

    @Test
    void subdirectoriesAndTheCourseMediaPrefixReachFilesInsideTheMediaDirectory() throws Exception {
        java.nio.file.Files.createDirectories(server.media().resolve("films"));
        TestMedia.writeMjpeg(server.media().resolve("films/short.Mjpeg"), TestMedia.frames(2, 32, 32));
        try (ClassicClient c = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            assertTrue(c.setup("media/clip.Mjpeg").startsWith("RTSP/1.0 200 "), "the course's media/ prefix");
        }
        try (ClassicClient c = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            assertTrue(c.setup("films/short.Mjpeg").startsWith("RTSP/1.0 200 "), "a subdirectory");
        }
    }

    @Test
    void unknownSessionGets454() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("PLAY " + url + " RTSP/1.0\r\nCSeq: 3\r\nSession: DEADBEEF\r\n\r\n");
            assertEquals(454, r.status().code());
            RtspResponse none = c.exchange("PLAY " + url + " RTSP/1.0\r\nCSeq: 4\r\n\r\n");
            assertEquals(454, none.status().code());
        }
    }

    @Test
    void pauseWhenNotPlayingGets455() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse setup = c.exchange("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertEquals(200, setup.status().code(), setup.toString());
            String session = setup.headers().first(RtspHeaders.SESSION).orElseThrow().split(";")[0];
            RtspResponse r = c.exchange("PAUSE " + url + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n");
            assertEquals(455, r.status().code());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTP/AVP;multicast;client_port=5000-5001", "RTP/AVP;unicast;destination=192.0.2.1;client_port=5000-5001",
            "RTP/SAVP;unicast;client_port=5000-5001", "RAW/RAW/UDP;unicast;client_port=5000-5001", "RTP/AVP;unicast"})
    void unsupportedTransportsGet461(String transport) throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\nTransport: " + transport + "\r\n\r\n");
            assertEquals(461, r.status().code(), transport);
        }
    }

    @Test
    void unknownMethodGets501WithPublic() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            // REDIRECT goes from server to client (RFC 2326 §10.15); RECORD is a publisher's now.
            RtspResponse r = c.exchange("REDIRECT " + url + " RTSP/1.0\r\nCSeq: 9\r\n\r\n");
            assertEquals(501, r.status().code());
            assertTrue(r.headers().first(RtspHeaders.PUBLIC).orElseThrow().contains("PLAY"));
        }
    }

    @Test
    void aHandlerThatFailsGets500AndTheConnectionGoesOn() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("X_FAULT " + url + " RTSP/1.0\r\nCSeq: 5\r\n\r\n");
            assertEquals(500, r.status().code());
            assertEquals("5", r.headers().first(RtspHeaders.CSEQ).orElseThrow());
            assertEquals(200, c.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 6\r\n\r\n").status().code());
        }
    }

    @Test
    void aRequestThatRunsOutOfMemoryGets503AndTheConnectionGoesOn() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("X_OOM " + url + " RTSP/1.0\r\nCSeq: 7\r\n\r\n");
            assertEquals(503, r.status().code());
            assertEquals(200, c.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 8\r\n\r\n").status().code());
        }
    }

    @Test
    void unsupportedVersionGets505() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("OPTIONS " + url + " RTSP/2.0\r\nCSeq: 1\r\n\r\n");
            assertEquals(505, r.status().code());
        }
    }
}
