package dev.rill.plugin.rtsppull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.wire.RtcpPacket;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source against a scripted upstream over interleaved TCP: the SDP's dynamic payload type
 * and relative control, keep-alives, receiver reports, garbage packets, a dropped connection,
 * and on-demand connecting.
 */
class ScriptedSourceTest {

    private static final int PT = 96;
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\na=control:*\r\n"
            + "m=video 0 RTP/AVP " + PT + "\r\na=rtpmap:" + PT + " JPEG/90000\r\na=control:trackID=7\r\n";
    private static final RtspPull.Timing FAST = new RtspPull.Timing(Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofMillis(300));

    ScriptedUpstream upstream;
    RtspPull source;
    List<byte[]> packets;
    volatile boolean overUdp;

    @BeforeEach
    void packets() throws IOException {
        RtpPayloadFormat jpeg = RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow();
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, "jpeg", out);
        List<PayloadFragment> fragments = jpeg.payloader(new Stub(), 1400).payload(new Frame(0, out.toByteArray()));
        assertTrue(!fragments.isEmpty(), "the RFC 2435 payloader takes the test picture");
        packets = new ArrayList<>();
        // 100 frames 9,000 ticks (100 ms) apart, the timestamps crossing 2^32 on the way.
        int seq = 65_500;
        for (int n = 0; n < 100; n++) {
            long ts = (0xFFFF_FFFFL - 45_000 + 9_000L * n) & 0xFFFF_FFFFL;
            for (PayloadFragment f : fragments) {
                ByteBuffer b = f.payload().duplicate();
                byte[] payload = new byte[b.remaining()];
                b.get(payload);
                packets.add(new RtpPacket(f.marker(), PT, seq++ & 0xFFFF, ts, 0x1234, payload).encode());
            }
        }
    }

    @AfterEach
    void end() throws IOException {
        if (source != null) {
            source.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void serve() throws IOException {
        upstream = new ScriptedUpstream((r, c) -> switch (r.method()) {
            case "OPTIONS" -> "RTSP/1.0 200 OK\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER";
            case "DESCRIBE" -> "RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Base: "
                    + upstream.base("/cam/") + "\r\n\r\n" + SDP;
            case "SETUP" -> {
                // Over UDP, this upstream answers and then sends nothing, as behind a firewall.
                overUdp = r.header("Transport").contains("client_port");
                yield "RTSP/1.0 200 OK\r\nSession: abc;timeout=2\r\nTransport: " + (overUdp
                        ? r.header("Transport") + ";server_port=9-10" : "RTP/AVP/TCP;unicast;interleaved=0-1");
            }
            case "PLAY" -> {
                if (!overUdp) {
                    Thread.ofVirtual().start(() -> feed(c));
                }
                yield "RTSP/1.0 200 OK\r\nSession: abc";
            }
            default -> "RTSP/1.0 200 OK\r\nSession: abc";
        });
    }

    /** After PLAY: a garbage packet, one of another payload type, then the frames at 10 a second. */
    private void feed(ScriptedUpstream.Connection c) {
        try {
            c.write(frame(new byte[] {1, 2, 3, 4, 5}));
            c.write(frame(new RtpPacket(true, 26, 1, 0, 0x1234, new byte[8]).encode()));
            long due = System.nanoTime();
            for (byte[] p : packets) {
                c.write(frame(p));
                if ((p[1] & 0x80) != 0) {
                    due += 20_000_000L; // 20 ms apart on the wire: the timestamps say 100
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went
        }
    }

    private static byte[] frame(byte[] packet) {
        byte[] out = new byte[4 + packet.length];
        out[0] = '$';
        out[2] = (byte) (packet.length >> 8);
        out[3] = (byte) packet.length;
        System.arraycopy(packet, 0, out, 4, packet.length);
        return out;
    }

    private RecordingSink pull(boolean onDemand, boolean start) throws IOException {
        return pull("tcp", onDemand, start);
    }

    private RecordingSink pull(String transport, boolean onDemand, boolean start) throws IOException {
        serve();
        source = new RtspPull(new RtspPullConfig(upstream.url("", "/cam"), transport, onDemand, 5, null),
                RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow(), FAST);
        RecordingSink sink = new RecordingSink();
        if (start) {
            source.start(sink);
        }
        source.begin();
        return sink;
    }

    private long count(String method) {
        return upstream.requests.stream().filter(r -> r.method().equals(method)).count();
    }

    @Test
    void setsUpTheRelativeControlOfADynamicPayloadTypeAndPassesTheTimestampsThrough() throws IOException {
        RecordingSink sink = pull(false, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= 8);
        assertEquals(upstream.base("/cam/trackID=7"),
                upstream.requests.stream().filter(r -> r.method().equals("SETUP")).findFirst().orElseThrow().url());
        assertEquals(upstream.base("/cam/"),
                upstream.requests.stream().filter(r -> r.method().equals("PLAY")).findFirst().orElseThrow().url());
        List<Frame> frames = List.copyOf(sink.frames);
        assertEquals(0, frames.get(0).timeNanos(), "times count from the first frame");
        for (int i = 1; i < frames.size(); i++) {
            assertEquals(100_000_000L, frames.get(i).timeNanos() - frames.get(i - 1).timeNanos(),
                    "frame " + i + ": the RTP timestamps' 100 ms, across the wrap, not the 20 ms of arrival");
        }
        assertEquals(2, source.packetsDropped(), "the garbage packet and the one of another payload type");
        assertEquals(PullState.LIVE, source.state());
    }

    @Test
    void keepsTheSessionAliveWithGetParameterAndSendsReceiverReports() throws IOException {
        pull(false, true);
        // Session timeout 2 s: a keep-alive every second, on the aggregate URL, with the session.
        await().atMost(Duration.ofSeconds(5)).until(() -> count("GET_PARAMETER") >= 2);
        ScriptedUpstream.Request keepAlive = upstream.requests.stream()
                .filter(r -> r.method().equals("GET_PARAMETER")).findFirst().orElseThrow();
        assertEquals("abc", keepAlive.header("Session"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !upstream.interleaved.isEmpty());
        byte[] rtcp = upstream.interleaved.get(upstream.interleaved.size() - 1);
        assertEquals(1, rtcp[0], "RTCP on the odd channel");
        try {
            List<RtcpPacket> compound = RtcpPacket.decodeCompound(rtcp, 1, rtcp.length - 1);
            RtcpPacket.ReceiverReport rr = (RtcpPacket.ReceiverReport) compound.get(0);
            assertEquals(0x1234, rr.reports().get(0).ssrc());
            assertTrue(rr.reports().get(0).extendedHighestSequence() > 0);
            assertEquals(RtcpPacket.PT_SDES, ((RtcpPacket.Other) compound.get(1)).packetType());
        } catch (dev.rill.spi.MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reconnectsWithBackoffWhenTheUpstreamDropsTheConnection() throws IOException {
        RecordingSink sink = pull(false, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= 3);
        upstream.dropConnection();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.reconnects() == 1);
        int before = sink.count();
        long lastTime = sink.frames.get(before - 1).timeNanos();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= before + 3 && count("SETUP") == 2);
        assertTrue(sink.frames.get(before).timeNanos() > lastTime, "times rise across the reconnect");
        assertEquals(1, source.reconnects());
    }

    @Test
    void statusNamesTheUpstreamAndCountsFramesBytesAndReconnects() throws IOException {
        RecordingSink sink = pull(false, true);
        // The supervisor marks the source live at its next look (every 100 ms) after RTP came.
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= 3
                && source.status().orElseThrow().state() == LiveStatus.State.LIVE);
        LiveStatus live = source.status().orElseThrow();
        assertEquals(Optional.of(upstream.base("").substring("rtsp://".length())), live.peer(), "host:port");
        assertTrue(live.framesIn() >= 3, live.toString());
        int perFrame = packets.stream().limit(packets.size() / 100).mapToInt(p -> p.length).sum();
        assertTrue(live.bytesIn() >= live.framesIn() * perFrame, "RTP bytes of the frames in, and more: " + live);
        upstream.dropConnection();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.status().orElseThrow().reconnects() == 1);
        source.close();
        assertEquals(LiveStatus.State.STOPPED, source.status().orElseThrow().state());
    }

    @Test
    void onDemandConnectsOnlyWhileStartedAndTearsDownAfterTheLinger() throws IOException {
        RecordingSink sink = pull(true, false);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> upstream.requests.isEmpty());
        assertEquals(PullState.WAITING, source.state());
        source.start(sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= 3);
        source.stop();
        int after = sink.count();
        await().atMost(Duration.ofSeconds(5)).until(() -> count("TEARDOWN") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> source.state() == PullState.WAITING);
        assertEquals(after, sink.count(), "no frame after stop");
        assertEquals(0, source.reconnects());
    }

    @Test
    void autoFallsBackToTcpWhenNoRtpComesOverUdpWithinThreeSeconds() throws IOException {
        RecordingSink sink = pull("auto", false, true);
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.count() >= 3);
        List<String> transports = upstream.requests.stream().filter(r -> r.method().equals("SETUP"))
                .map(r -> r.header("Transport")).toList();
        assertEquals(2, transports.size(), transports.toString());
        assertTrue(transports.get(0).startsWith("RTP/AVP;unicast;client_port="), transports.get(0));
        assertTrue(transports.get(1).startsWith("RTP/AVP/TCP;unicast;interleaved=0-1"), transports.get(1));
        assertEquals(1, count("TEARDOWN"), "the UDP session is torn down");
        assertEquals("tcp", source.transportInUse());
        assertEquals(0, source.reconnects(), "a fallback is not a reconnect");
    }

    @Test
    void reconnectsWhenNoRtpComesForTimeoutSeconds() throws IOException {
        pull("udp", false, true); // this upstream sends nothing over UDP; timeoutSeconds is 5
        await().atMost(Duration.ofSeconds(15)).until(() -> source.reconnects() >= 1 && count("SETUP") >= 2);
        assertEquals(0, source.framesIn());
        assertEquals("udp", source.transportInUse(), "only auto falls back");
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
