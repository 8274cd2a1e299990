package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.wire.RtcpPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player behind a relay that loses chosen packets on their way from Rill: the loss figures
 * (and the receiver report's) must be exactly the packets lost; with every UDP packet lost, the
 * player must switch to TCP by itself.
 */
class LossAndFallbackTest {

    @TempDir
    Path dir;
    RillFixture rill;
    RtspRelay relay;

    @BeforeEach
    void start() throws IOException {
        TestClips.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestClips.detailedFrames(60, 320, 240));
        rill = RillFixture.start(dir, "[{\"path\": \"/clip.Mjpeg\", \"source\": {\"type\": \"mjpeg-file\","
                + " \"file\": \"media/clip.Mjpeg\", \"fps\": 40}}]");
    }

    @AfterEach
    void stop() throws IOException {
        if (relay != null) {
            relay.close();
        }
        rill.close();
    }

    @Test
    void packetsLostOnTheWayAreCountedExactlyAndReportedInRtcp() throws IOException {
        Set<Integer> lost = Set.of(5, 6, 20); // all well before the 15th frame: frames take several packets each
        relay = new RtspRelay(rill.port(), lost::contains);
        Path stats = dir.resolve("stats.json");
        assertEquals(0, RillPlaybackTest.headless("--headless", "--frames", "15", "--stats", stats.toString(),
                relay.url("clip.Mjpeg")));
        assertEquals(3, relay.rtpDropped());
        double expected = TestClips.stat(stats, "packetsExpected");
        assertEquals(3, TestClips.stat(stats, "packetsLost"), Files.readString(stats));
        assertEquals(expected - 3, TestClips.stat(stats, "packetsReceived"));
        assertEquals(3 / expected, TestClips.stat(stats, "lossRate"), 0.001);
        // frames of several packets each: the ones that lost a packet are dropped as incomplete
        assertTrue(TestClips.stat(stats, "framesDroppedIncomplete") >= 2, Files.readString(stats));

        // The receiver report sent on leaving says the same.
        List<RtcpPacket> rtcp = relay.playerRtcpPackets();
        RtcpPacket.ReceiverReport last = rtcp.stream().filter(p -> p instanceof RtcpPacket.ReceiverReport)
                .map(p -> (RtcpPacket.ReceiverReport) p).reduce((a, b) -> b).orElseThrow();
        RtcpPacket.ReportBlock block = last.reports().get(0);
        assertEquals(3, block.cumulativeLost());
        // The report's own interval (the first report: since the first packet) up to its highest sequence.
        long expectedAtReport = ((block.extendedHighestSequence() - relay.sequences.get(0)) & 0xFFFF) + 1;
        assertEquals((int) (3 * 256 / expectedAtReport), block.fractionLost());
        assertTrue(rtcp.stream().anyMatch(p -> p instanceof RtcpPacket.Bye), "BYE on leaving");
    }

    @Test
    void switchesToTcpWhenNoUdpPacketArrives() throws IOException {
        relay = new RtspRelay(rill.port(), index -> true);
        Path stats = dir.resolve("stats.json");
        Path out = dir.resolve("frames");
        assertEquals(0, RillPlaybackTest.headless("--headless", "--frames", "5", "--udp-timeout", "1", "--out",
                out.toString(), "--stats", stats.toString(), relay.url("clip.Mjpeg")));
        assertEquals(5, TestClips.written(out).size());
        assertEquals(1, TestClips.stat(stats, "fellBackToTcp"));
        assertTrue(Files.readString(stats).contains("\"transport\": \"TCP\""));
    }
}
