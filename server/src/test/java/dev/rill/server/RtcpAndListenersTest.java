package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.MalformedPacketException;
import dev.rill.wire.RtcpPacket;
import dev.rill.spi.RtspHeaders;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTCP both ways, and session listeners hearing every event. */
class RtcpAndListenersTest {

    @TempDir
    Path dir;
    TestServer server;
    Path events;

    @BeforeEach
    void start() throws Exception {
        events = dir.resolve("events.txt");
        server = TestServer.start(dir, "\"listeners\": [{\"type\": \"test-recorder\", \"file\": \""
                + events.toString().replace("\\", "\\\\") + "\"}]");
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), TestMedia.frames(400, 64, 48));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> events() throws Exception {
        return Files.exists(events) ? Files.readAllLines(events, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void listenersHearOpenPlayPauseAndClose() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            String id = c.session();
            c.request("PLAY", c.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frames().size() >= 3);
            c.request("PAUSE", c.url());
            c.request("TEARDOWN", c.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> events().stream().anyMatch(l -> l.startsWith("closed " + id)));
            List<String> lines = events();
            assertEquals(List.of("opened " + id, "state " + id + " PLAYING", "state " + id + " READY"),
                    lines.subList(0, 3));
            assertTrue(lines.get(3).startsWith("closed " + id + " "), lines.toString());
        }
    }

    @Test
    void sendsSenderReportsWhilePlayingAndHandsReceiverReportsToListeners() throws Exception {
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            var setup = c.setupUdp();
            String transport = setup.headers().first(RtspHeaders.TRANSPORT).orElseThrow();
            long ssrc = Long.parseLong(transport.substring(transport.indexOf("ssrc=") + 5), 16);
            int serverRtcp = server.server.rtpPort() + 1;
            c.request("PLAY", c.url());
            // RFC 3550: about every 5 s, randomised between 2.5 and 7.5 s.
            await().atMost(Duration.ofSeconds(20)).until(() -> c.rtcpPackets().stream().anyMatch(p -> senderReport(p, ssrc).isPresent()));
            RtcpPacket.SenderReport sr = c.rtcpPackets().stream().map(p -> senderReport(p, ssrc)).flatMap(Optional::stream)
                    .findFirst().orElseThrow();
            assertTrue(sr.packetCount() > 0, sr.toString());

            RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(ssrc, 64, 7, 1000, 900, sr.compactNtp(), 0);
            byte[] rr = RtcpPacket.encodeCompound(List.of(new RtcpPacket.ReceiverReport(0x1234, List.of(block))));
            try (DatagramChannel from = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                from.send(ByteBuffer.wrap(rr), new InetSocketAddress("127.0.0.1", serverRtcp));
            }
            String id = c.session();
            await().atMost(Duration.ofSeconds(10)).until(() -> events().contains("report " + id + " 0.25 7 PT0.01S true"));
        }
    }

    @Test
    void junkOnTheServerPortsIsTakenWithoutComplaint() throws Exception {
        try (DatagramChannel junk = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            for (int port : new int[] {server.server.rtpPort(), server.server.rtpPort() + 1}) {
                // ffmpeg's NAT-opening dummy RTP packet, an empty RR, and plain garbage
                junk.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), new InetSocketAddress("127.0.0.1", port));
                junk.send(ByteBuffer.wrap(new RtcpPacket.ReceiverReport(1, List.of()).encode()), new InetSocketAddress("127.0.0.1", port));
                junk.send(ByteBuffer.wrap("not rtp at all".getBytes(StandardCharsets.US_ASCII)), new InetSocketAddress("127.0.0.1", port));
            }
        }
        try (StandardClient c = new StandardClient(server.port(), "/clip.Mjpeg")) {
            c.setupUdp();
            c.request("PLAY", c.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> c.frames().size() >= 3);
        }
    }

    @Test
    void whatArrivesOnTheRtpPortIsReadAndDropped() throws Exception {
        int port = server.server.rtpPort();
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "needs Linux's /proc/net/udp");
        try (DatagramChannel junk = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 200; i++) {
                junk.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x60, 0, (byte) i, 0, 0, 0, 0, 0, 0, 0, 0}),
                        new InetSocketAddress("127.0.0.1", port));
            }
        }
        // The senders empty their sockets every 100 ms, 64 datagrams at a time.
        await().atMost(Duration.ofSeconds(20)).until(() -> receiveQueueBytes(port) == 0);
    }

    /** The rx_queue of every UDP socket bound to {@code port}, from /proc/net/udp and udp6. */
    private static long receiveQueueBytes(int port) throws Exception {
        long total = 0;
        String suffix = String.format(":%04X", port);
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 4 && f[1].endsWith(suffix)) {
                    total += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
        }
        return total;
    }

    private static Optional<RtcpPacket.SenderReport> senderReport(byte[] compound, long ssrc) {
        try {
            return RtcpPacket.decodeCompound(compound, 0, compound.length).stream()
                    .filter(p -> p instanceof RtcpPacket.SenderReport sr && sr.ssrc() == ssrc)
                    .map(p -> (RtcpPacket.SenderReport) p).findFirst();
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }
}
