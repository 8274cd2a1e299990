package dev.rill.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.VideoSize;
import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher against a stand-in RTSP server on loopback that records what it gets. */
class PublisherTest {

    private ServerSocket listener;
    private Thread server;
    private final List<RtspRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> hashes = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> timestamps = Collections.synchronizedList(new ArrayList<>());
    private volatile int senderReports;
    /** The stand-in server's UDP pair, made when a SETUP offers client_port. */
    private volatile UdpPair serverPorts;
    private Thread udpReader;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = Thread.ofVirtual().start(this::serve);
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        server.join(Duration.ofSeconds(10));
        if (serverPorts != null) {
            serverPorts.close();
            udpReader.join(Duration.ofSeconds(10));
        }
    }

    /** Receives the publisher's datagrams on the server's RTP port and hashes its frames. */
    private void readUdp(UdpPair ports) {
        ScanHash scan = new ScanHash();
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                buffer.clear();
                ports.rtp().receive(buffer);
                buffer.flip();
                frame(scan, buffer);
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    /** One RTP packet whole: a frame's hash when it completes one. */
    private void frame(ScanHash scan, ByteBuffer packet) {
        assertEquals(26, packet.get(1) & 0x7F);
        int timestamp = packet.getInt(4);
        if (scan.payload(packet.position(RtpHeader.LENGTH), (packet.get(1) & 0x80) != 0)) {
            hashes.add(scan.hash());
            timestamps.add(timestamp);
        }
    }

    /** Answers every request 200 (SETUP with a session and the transport asked for) and hashes the frames. */
    private void serve() {
        try (Socket s = listener.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
            ScanHash scan = new ScanHash();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                decoder.feed(buffer, 0, n);
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    if (m.get() instanceof RtspRequest r) {
                        requests.add(r);
                        String transport = r.headers().first("Transport").orElse("");
                        if (transport.contains("client_port")) {
                            UdpPair ports = UdpPair.open(InetAddress.getLoopbackAddress(), 0);
                            serverPorts = ports;
                            udpReader = Thread.ofVirtual().start(() -> readUdp(ports));
                            transport += ";server_port=" + ports.rtpPort() + "-" + (ports.rtpPort() + 1);
                        }
                        String extra = r.method().name().equals("SETUP")
                                ? "Session: 4711;timeout=60\r\nTransport: " + transport + "\r\n" : "";
                        out.write(("RTSP/1.0 200 OK\r\nCSeq: " + r.cseq().getAsInt() + "\r\n" + extra + "\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } else if (m.get() instanceof InterleavedFrame f && f.channel() == 0) {
                        frame(scan, ByteBuffer.wrap(f.payload()));
                    } else if (m.get() instanceof InterleavedFrame f && f.channel() == 1) {
                        senderReports++;
                    }
                }
            }
        } catch (Exception e) {
            // the test's assertions say what went wrong
        }
    }

    @Test
    void announcesRecordsAndSendsTheCyclesFramesAtTheirRate() throws Exception {
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(160, 120), 5, 0.75f);
        RtspUrl url = RtspUrl.parse("rtsp://127.0.0.1:" + listener.getLocalPort() + "/live");
        Publisher publisher = Publisher.start(url, cycle, 50, Duration.ofSeconds(20).toNanos());
        await().atMost(Duration.ofSeconds(30)).until(() -> hashes.size() >= 8);
        Publisher.Result result = publisher.stop();

        assertEquals(List.of("ANNOUNCE", "SETUP", "RECORD", "TEARDOWN"),
                requests.stream().map(r -> r.method().name()).toList());
        RtspRequest announce = requests.get(0);
        assertEquals(url.text(), announce.target());
        assertEquals("application/sdp", announce.headers().first("Content-Type").orElseThrow());
        String sdp = new String(announce.body(), StandardCharsets.UTF_8);
        assertTrue(sdp.contains("m=video 0 RTP/AVP 26\r\n") && sdp.contains("a=rtpmap:26 JPEG/90000\r\n")
                && sdp.contains("a=control:streamid=0\r\n") && sdp.contains("a=framerate:50\r\n"), sdp);
        RtspRequest setup = requests.get(1);
        assertEquals(url.text() + "/streamid=0", setup.target());
        assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1;mode=record", setup.headers().first("Transport").orElseThrow());
        assertEquals("4711", requests.get(2).headers().first("Session").orElseThrow());
        assertEquals("4711", requests.get(3).headers().first("Session").orElseThrow());
        assertEquals("200 OK", result.teardown());
        assertEquals(Optional.empty(), result.error());

        List<Long> got = List.copyOf(hashes);
        for (int i = 0; i < got.size(); i++) {
            assertEquals(cycle.hashes()[i % cycle.count()], got.get(i), "frame " + i);
            assertNotEquals(0, publisher.sendTimes().sentAt(got.get(i)));
        }
        assertEquals(90_000 / 50, timestamps.get(1) - timestamps.get(0));
        assertTrue(senderReports >= 1);
        assertTrue(result.frames() >= got.size());
    }

    @Test
    void overUdpTheFramesGoAsDatagramsToTheServerPort() throws Exception {
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(320, 240), 3, 0.75f); // several packets a frame
        RtspUrl url = RtspUrl.parse("rtsp://127.0.0.1:" + listener.getLocalPort() + "/live");
        Publisher publisher = Publisher.start(url, cycle, 50, Duration.ofSeconds(20).toNanos(), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> hashes.size() >= 6);
        Publisher.Result result = publisher.stop();

        String transport = requests.get(1).headers().first("Transport").orElseThrow();
        assertTrue(transport.startsWith("RTP/AVP;unicast;client_port=") && transport.endsWith(";mode=record"), transport);
        assertEquals("200 OK", result.teardown());
        assertTrue(result.transport().contains("UDP"), result.transport());
        List<Long> got = List.copyOf(hashes);
        for (int i = 0; i < got.size(); i++) {
            assertEquals(cycle.hashes()[i % cycle.count()], got.get(i), "frame " + i); // loopback loses nothing
        }
    }
}
