package dev.rill.plugin.rtsppull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that sends what it should not: garbage RTP over UDP and interleaved TCP, bytes that
 * are not RTSP at all, frames whose last packet never comes, an SDP with no video or no JPEG.
 * Each time the source drops and counts what is bad (the depayloader's buffer is bounded by
 * {@code Rfc2435Depayloader.MAX_FRAME_BYTES}), logs it, and the good input after it still
 * becomes frames: on the same session when the packets can be told apart, after a reconnect with
 * backoff when the session itself is unusable.
 */
class HostileUpstreamTest {

    private static final int PT = 96;
    private static final String JPEG_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP " + PT + "\r\na=rtpmap:" + PT + " JPEG/90000\r\na=control:trackID=0\r\n";
    private static final String AUDIO_ONLY_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=mic\r\nt=0 0\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=control:trackID=0\r\n";
    private static final String H264_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\na=control:trackID=0\r\n";
    private static final RtspPull.Timing FAST = new RtspPull.Timing(Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofSeconds(1));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)");

    private ScriptedUpstream upstream;
    private RtspPull source;
    /** The payloads of one 64x48 frame, several packets (max payload 200). */
    private List<PayloadFragment> fragments;
    private final List<Thread> feeders = new ArrayList<>();

    @BeforeEach
    void picture() throws IOException {
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                picture.setRGB(x, y, x * 4 << 16 | y * 5 << 8 | 90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, "jpeg", out);
        fragments = jpeg().payloader(new Stub(), 200).payload(new Frame(0, out.toByteArray()));
        assertTrue(fragments.size() >= 2, "the test frame spans packets: " + fragments.size());
    }

    @AfterEach
    void end() throws IOException, InterruptedException {
        if (source != null) {
            source.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        for (Thread t : feeders) {
            t.interrupt();
            t.join(5_000);
        }
    }

    private static RtpPayloadFormat jpeg() {
        return RtspPullProvider.jpeg(HostileUpstreamTest.class.getClassLoader()).orElseThrow();
    }

    /** The RTP packets of frame {@code n} (100 ms apart), the last one left out when {@code lastLost}. */
    private List<byte[]> framePackets(int n, AtomicInteger sequence, boolean lastLost) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < fragments.size() - (lastLost ? 1 : 0); i++) {
            PayloadFragment f = fragments.get(i);
            ByteBuffer b = f.payload().duplicate();
            byte[] payload = new byte[b.remaining()];
            b.get(payload);
            out.add(new RtpPacket(f.marker(), PT, sequence.getAndIncrement() & 0xFFFF, 9_000L * n, 0x5151, payload).encode());
        }
        return out;
    }

    /** RTP nobody can use: not RTP, cut short, another payload type, a JPEG payload that is noise. */
    private static List<byte[]> garbagePackets(AtomicInteger sequence) {
        Random random = new Random(7);
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[] {1, 2, 3});                                              // shorter than an RTP header
        byte[] noise = new byte[300];
        random.nextBytes(noise);
        noise[0] = 0x00;                                                             // version 0
        out.add(noise);
        out.add(new RtpPacket(true, 26, sequence.getAndIncrement(), 1, 0x5151, new byte[40]).encode()); // not the SDP's type
        for (int i = 0; i < 5; i++) {                                                // right type, JPEG header is noise
            byte[] payload = new byte[100 + i];
            random.nextBytes(payload);
            out.add(new RtpPacket(true, PT, sequence.getAndIncrement() & 0xFFFF, 77 + i, 0x5151, payload).encode());
        }
        return out;
    }

    private static byte[] interleaved(int channel, byte[] packet) {
        byte[] out = new byte[4 + packet.length];
        out[0] = '$';
        out[1] = (byte) channel;
        out[2] = (byte) (packet.length >> 8);
        out[3] = (byte) packet.length;
        System.arraycopy(packet, 0, out, 4, packet.length);
        return out;
    }

    /** What the upstream does after PLAY over TCP. */
    private interface TcpFeed {
        void run(ScriptedUpstream.Connection c) throws IOException, InterruptedException;
    }

    /** What the upstream does after PLAY over UDP, to the client's RTP port. */
    private interface UdpFeed {
        void run(DatagramSocket socket, InetSocketAddress rtp) throws IOException, InterruptedException;
    }

    private void serve(List<String> sdps, TcpFeed tcp, UdpFeed udp) throws IOException {
        AtomicInteger describes = new AtomicInteger();
        int[] clientPort = new int[1];
        upstream = new ScriptedUpstream((r, c) -> switch (r.method()) {
            case "OPTIONS" -> "RTSP/1.0 200 OK\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN";
            case "DESCRIBE" -> "RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Base: " + upstream.base("/cam/")
                    + "\r\n\r\n" + sdps.get(Math.min(describes.getAndIncrement(), sdps.size() - 1));
            case "SETUP" -> {
                Matcher m = CLIENT_PORT.matcher(r.header("Transport"));
                if (m.find()) {
                    clientPort[0] = Integer.parseInt(m.group(1));
                    yield "RTSP/1.0 200 OK\r\nSession: s1;timeout=60\r\nTransport: " + r.header("Transport")
                            + ";server_port=40000-40001";
                }
                clientPort[0] = 0;
                yield "RTSP/1.0 200 OK\r\nSession: s1;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1";
            }
            case "PLAY" -> {
                int port = clientPort[0];
                Thread feeder = Thread.ofVirtual().start(() -> {
                    try {
                        if (port == 0) {
                            tcp.run(c);
                        } else {
                            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                                udp.run(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client went, or the test ended
                    }
                });
                feeders.add(feeder);
                yield "RTSP/1.0 200 OK\r\nSession: s1";
            }
            default -> "RTSP/1.0 200 OK\r\nSession: s1";
        });
    }

    private RecordingSink pull(String transport) {
        source = new RtspPull(new RtspPullConfig(upstream.url("", "/cam"), transport, false, 10, null), jpeg(), FAST);
        RecordingSink sink = new RecordingSink();
        source.start(sink);
        source.begin();
        return sink;
    }

    private long count(String method) {
        return upstream.requests.stream().filter(r -> r.method().equals(method)).count();
    }

    /** Frames at 50 a second on the wire until the connection breaks or 2,000 were sent. */
    private void tcpFrames(ScriptedUpstream.Connection c, AtomicInteger sequence, int from)
            throws IOException, InterruptedException {
        for (int n = from; n < from + 2000; n++) {
            for (byte[] p : framePackets(n, sequence, false)) {
                c.write(interleaved(0, p));
            }
            Thread.sleep(20);   // the upstream's pace, not a test's wait
        }
    }

    @Test
    void garbageRtpInterleavedIsDroppedAndCountedAndTheFramesAfterItArrive() throws IOException {
        AtomicInteger sequence = new AtomicInteger();
        serve(List.of(JPEG_SDP), c -> {
            for (byte[] p : garbagePackets(sequence)) {
                c.write(interleaved(0, p));
            }
            c.write(interleaved(1, new byte[] {(byte) 0x80, (byte) 200, 0, 50, 1, 2}));   // RTCP that lies about its length
            c.write(interleaved(5, new byte[] {9, 9, 9}));                                   // a channel nobody set up
            tcpFrames(c, sequence, 1000);
        }, null);
        RecordingSink sink = pull("tcp");

        await().atMost(WAIT).until(() -> sink.count() >= 5);

        assertEquals(3, source.packetsDropped(), "not RTP (twice) and the wrong payload type");
        assertEquals(5, source.framesDropped(), "the five noise payloads, one frame each");
        assertEquals(0, source.reconnects());
        await().atMost(WAIT).until(() -> source.state() == PullState.LIVE);
    }

    @Test
    void garbageRtpOverUdpIsDroppedAndCountedAndTheFramesAfterItArrive() throws IOException {
        AtomicInteger sequence = new AtomicInteger();
        serve(List.of(JPEG_SDP), null, (socket, rtp) -> {
            InetSocketAddress rtcp = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
            for (int n = 0; n < 2000; n++) {
                // the garbage again before every frame: UDP may lose some, and this must not depend on which
                for (byte[] p : garbagePackets(sequence)) {
                    socket.send(new DatagramPacket(p, p.length, rtp));
                }
                socket.send(new DatagramPacket(new byte[] {7, 7, 7, 7}, 4, rtcp));
                for (byte[] p : framePackets(n, sequence, false)) {
                    socket.send(new DatagramPacket(p, p.length, rtp));
                }
                Thread.sleep(20);
            }
        });
        RecordingSink sink = pull("udp");

        await().atMost(WAIT).until(() -> sink.count() >= 5);

        assertTrue(source.packetsDropped() >= 3, "dropped before the depayloader: " + source.packetsDropped());
        assertTrue(source.framesDropped() >= 5, "noise frames dropped: " + source.framesDropped());
        assertEquals(0, source.reconnects());
        assertEquals("udp", source.transportInUse());
    }

    @Test
    void bytesThatAreNotRtspOnTheConnectionEndTheSessionAndTheSourceReconnects() throws IOException {
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger sessions = new AtomicInteger();
        serve(List.of(JPEG_SDP), c -> {
            if (sessions.getAndIncrement() == 0) {
                for (byte[] p : framePackets(0, sequence, false)) {
                    c.write(interleaved(0, p));
                }
                byte[] noise = new byte[4000];
                new Random(3).nextBytes(noise);
                noise[0] = 'X';   // neither '$' nor "RTSP/1.0": the connection is out of step for good
                for (int i = 1; i < noise.length; i += 97) {
                    noise[i] = '\n';
                }
                c.write(noise);
                return;
            }
            tcpFrames(c, sequence, 1000);
        }, null);
        RecordingSink sink = pull("tcp");

        await().atMost(WAIT).until(() -> source.reconnects() >= 1 && sink.count() >= 4);

        assertEquals(1, source.reconnects());
        assertTrue(count("SETUP") >= 2);
    }

    @Test
    void aFrameWhoseLastPacketNeverComesIsDroppedAndTheNextFrameIsDelivered() throws IOException {
        AtomicInteger sequence = new AtomicInteger();
        serve(List.of(JPEG_SDP), c -> {
            for (int n = 0; n < 2000; n++) {
                boolean lastLost = n % 3 == 1;   // frames 1, 4, 7, ...: the marker packet is lost
                for (byte[] p : framePackets(n, sequence, lastLost)) {
                    c.write(interleaved(0, p));
                }
                Thread.sleep(20);
            }
        }, null);
        RecordingSink sink = pull("tcp");

        await().atMost(WAIT).until(() -> sink.count() >= 6);

        List<Frame> frames = List.copyOf(sink.frames);
        for (int i = 1; i < frames.size(); i++) {
            long step = frames.get(i).timeNanos() - frames.get(i - 1).timeNanos();
            assertTrue(step == 100_000_000L || step == 200_000_000L, "frames 100 ms apart, 200 around a lost one: " + step);
        }
        long complete = frames.size();
        assertTrue(source.framesDropped() >= complete / 2 - 1, "dropped " + source.framesDropped() + " of " + complete);
        assertEquals(0, source.reconnects());
    }

    @Test
    void anSdpWithNoVideoIsRefusedAndRetriedWithBackoffUntilTheUpstreamOffersJpeg() throws IOException {
        AtomicInteger sequence = new AtomicInteger();
        serve(List.of(AUDIO_ONLY_SDP, H264_SDP, JPEG_SDP), c -> tcpFrames(c, sequence, 0), null);
        RecordingSink sink = pull("tcp");

        await().atMost(WAIT).until(() -> sink.count() >= 3);

        assertEquals(3, count("DESCRIBE"), "audio only, then H.264, then JPEG");
        assertEquals(1, count("SETUP"), "nothing is set up from an SDP without JPEG video");
        assertEquals(2, source.reconnects(), "each refusal waits its backoff (1 s, then 2 s) and tries again");
        await().atMost(WAIT).until(() -> source.state() == PullState.LIVE);
    }

    /** What the payloader is told of its source. */
    private static final class Stub implements MediaSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public OptionalDouble nominalFrameRate() {
            return OptionalDouble.of(10);
        }

        @Override
        public String describe() {
            return "test picture";
        }
    }
}
