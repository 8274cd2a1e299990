package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard RTSP with RFC 2435 JPEG over RTP, as real players use it, against a real server. */
class StandardDialectTest {

    @TempDir
    Path dir;
    TestServer server;
    List<byte[]> frames;

    @BeforeEach
    void start() throws Exception {
        frames = TestMedia.frames(30, 160, 120);
        server = TestServer.start(dir, "\"sessionTimeoutSeconds\": 5");
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), frames);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setupAnswersOneTransportWithServerPortAndSsrcAndARandomSession() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            RtspResponse r = c.setupUdp();
            assertEquals(200, r.status().code(), r.toString());
            String transport = r.headers().first(RtspHeaders.TRANSPORT).orElseThrow();
            assertEquals("RTP/AVP;unicast;client_port=" + c.rtpPort() + "-" + c.rtcpPort() + ";server_port="
                    + server.server.rtpPort() + "-" + (server.server.rtpPort() + 1) + ";ssrc=", transport.replaceAll("[0-9A-F]{8}$", ""));
            String session = r.headers().first(RtspHeaders.SESSION).orElseThrow();
            assertTrue(session.matches("[0-9A-F]{32};timeout=5"), session);
        }
    }

    @Test
    void playSendsRfc2435FramesThatDecodeToTheSourcePixels() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            RtspResponse play = c.request("PLAY", c.url(), "Range: npt=0.000-");
            assertEquals(200, play.status().code());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.frames().size() >= frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertSamePixels(frames.get(i), c.frames().get(i).data(), "frame " + i);
            }
            List<RtpPacket> packets = c.packets();
            long firstTimestamp = packets.get(0).timestamp();
            for (RtpPacket p : packets) {
                assertEquals(26, p.payloadType());
                assertTrue(p.length() <= 1400, "packet of " + p.length() + " bytes");
                assertEquals(0, (p.timestamp() - firstTimestamp) % 4500, "90 kHz clock, 4500 per frame at 20 fps");
            }
            for (int i = 1; i < packets.size(); i++) {
                assertEquals((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF, packets.get(i).sequenceNumber());
            }
            assertEquals(frames.size(), packets.stream().filter(RtpPacket::marker).count(), "one marker per frame");
        }
    }

    @Test
    void playAnswersRangeAndRtpInfoMatchingTheFirstPacket() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            RtspResponse play = c.request("PLAY", c.url() + "/");
            assertEquals("npt=0.000-1.500", play.headers().first(RtspHeaders.RANGE).orElseThrow());
            Matcher m = Pattern.compile("url=(.*);seq=(\\d+);rtptime=(\\d+)").matcher(play.headers().first(RtspHeaders.RTP_INFO).orElseThrow());
            assertTrue(m.matches());
            assertEquals(c.url() + "/trackID=0", m.group(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.packets().isEmpty());
            assertEquals(Integer.parseInt(m.group(2)), c.packets().get(0).sequenceNumber());
            assertEquals(Long.parseLong(m.group(3)), c.packets().get(0).timestamp());
        }
    }

    @Test
    void pauseThenPlayWithoutRangeResumesAtTheNextFrame() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            c.request("PLAY", c.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frames().size() >= 5);
            assertEquals(200, c.request("PAUSE", c.url()).status().code());
            int paused = c.packets().size();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> c.packets().size() == paused);
            assertEquals(200, c.request("PLAY", c.url()).status().code());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.frames().size() >= frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertSamePixels(frames.get(i), c.frames().get(i).data(), "frame " + i + " after pause");
            }
        }
    }

    @Test
    void aRangeInAnotherUnitIsNotImplementedAndAMalformedOneIsInvalid() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            assertEquals(501, c.request("PLAY", c.url(), "Range: smpte=0:00:10-").status().code());
            assertEquals(457, c.request("PLAY", c.url(), "Range: npt=abc-").status().code());
            assertEquals(200, c.request("PLAY", c.url(), "Range: npt=0-").status().code());
        }
    }

    @Test
    void playWithARangeSeeksToThatFrame() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            RtspResponse play = c.request("PLAY", c.url(), "Range: npt=1.0-");
            assertEquals("npt=1.000-1.500", play.headers().first(RtspHeaders.RANGE).orElseThrow());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frames().size() >= 10);
            assertSamePixels(frames.get(20), c.frames().get(0).data(), "first frame after seeking to 1.0 s");
            assertEquals(457, c.request("PLAY", c.url(), "Range: npt=99-").status().code());
        }
    }

    @Test
    void teardownSendsRtcpByeAndFreesTheSession() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            c.request("PLAY", c.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frames().size() >= 2);
            assertEquals(200, c.request("TEARDOWN", c.url()).status().code());
            assertEquals(0, server.server.sessionCount());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
        }
    }

    @Test
    void endOfStreamSendsRtcpBye() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            c.request("PLAY", c.url(), "Range: npt=1.2-");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
            assertEquals(6, c.frames().size());
        }
    }

    @Test
    void interleavedTcpCarriesEveryFrameOnTheRtspConnection() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            RtspResponse setup = c.setupTcp();
            assertTrue(setup.headers().first(RtspHeaders.TRANSPORT).orElseThrow().startsWith("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc="));
            assertEquals(200, c.request("PLAY", c.url()).status().code());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.frames().size() >= frames.size());
            assertEquals(200, c.request("GET_PARAMETER", c.url()).status().code(), "requests flow between $ frames");
            for (int i = 0; i < frames.size(); i++) {
                assertSamePixels(frames.get(i), c.frames().get(i).data(), "frame " + i);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 0);
    }

    @Test
    void aSilentSessionIsReapedAfterTheTimeoutAndKeepAlivesPreventIt() throws Exception {
        try (StandardClient quiet = new StandardClient(server.port(), "/clip.Mjpeg");
             StandardClient chatty = new StandardClient(server.port(), "/clip.Mjpeg")) {
            quiet.setupUdp();
            chatty.setupUdp();
            String chattySession = chatty.session();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertEquals(200, chatty.request("GET_PARAMETER", chatty.url()).status().code());
                return server.server.sessionCount() == 1;
            });
            assertEquals(200, chatty.request("PLAY", chatty.url()).status().code(), "session " + chattySession + " kept alive");
            assertEquals(454, quiet.request("PLAY", quiet.url()).status().code());
        }
    }

    @Test
    void aDestinationThatIsThePeerItselfIsAccepted() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            RtspResponse r = c.request("SETUP", c.url() + "/trackID=0",
                    "Transport: RTP/AVP/UDP;unicast;destination=127.0.0.1;client_port=" + c.rtpPort() + "-" + c.rtcpPort());
            assertEquals(200, r.status().code());
            assertTrue(r.headers().first(RtspHeaders.TRANSPORT).orElseThrow().startsWith("RTP/AVP/UDP;unicast;"));
        }
    }


    static void assertSamePixels(byte[] expectedJpeg, byte[] actualJpeg, String what) throws IOException {
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(expectedJpeg));
        BufferedImage actual = ImageIO.read(new ByteArrayInputStream(actualJpeg));
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        assertArrayEquals(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth()), what);
    }
}
