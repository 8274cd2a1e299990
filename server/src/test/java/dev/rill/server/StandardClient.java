package dev.rill.server;

import dev.rill.spi.Depayloader;
import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A standard RTSP client for tests: requests with absolute URLs (rill-wire's client, which
 * matches responses by CSeq), RTP over UDP (two bound channels) or interleaved on the RTSP
 * connection, frames rebuilt by the RFC 2435 depayloader found through ServiceLoader, RTCP
 * collected.
 */
final class StandardClient implements AutoCloseable {

    private final RtspClient rtsp;
    private final String url;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final List<RtpPacket> packets = new CopyOnWriteArrayList<>();
    private final List<byte[]> rtcpPackets = new CopyOnWriteArrayList<>();
    private final List<ReceivedFrame> frames = new CopyOnWriteArrayList<>();
    private final Depayloader depayloader;
    private String session;
    /** The SSRC SETUP announced: packets of any other stream on our ports are not ours. */
    private volatile long ssrc = -1;

    StandardClient(int port, String path) throws IOException {
        this.url = "rtsp://127.0.0.1:" + port + path;
        DatagramChannel[] pair = portPair();
        this.rtp = pair[0];
        rtp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        this.rtcp = pair[1];
        this.depayloader = ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst().orElseThrow().depayloader();
        try {
            // No User-Agent: the requests stay the bytes these tests always sent.
            this.rtsp = RtspClient.connect(URI.create(url), RtspClientOptions.of(RequestStyle.STANDARD)
                    .withTimeout(Duration.ofSeconds(10)).withUserAgent(""));
        } catch (IOException e) {
            rtp.close();
            rtcp.close();
            throw e;
        }
        rtsp.onInterleaved(this::onInterleaved);
        Thread.ofVirtual().start(() -> receive(rtp, true));
        Thread.ofVirtual().start(() -> receive(rtcp, false));
    }

    /** An even RTP port and the next one for RTCP, as real clients offer them. */
    private static DatagramChannel[] portPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            DatagramChannel first = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) first.getLocalAddress()).getPort();
            if (port % 2 == 0 && port < 65535) {
                try {
                    return new DatagramChannel[] {first, DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port + 1))};
                } catch (IOException taken) {
                    // try another pair
                }
            }
            first.close();
        }
        throw new IOException("no free even/odd UDP port pair on loopback");
    }

    String url() {
        return url;
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.socket().getLocalSocketAddress()).getPort();
    }

    int rtcpPort() {
        return ((InetSocketAddress) rtcp.socket().getLocalSocketAddress()).getPort();
    }

    List<RtpPacket> packets() {
        return packets;
    }

    List<ReceivedFrame> frames() {
        return frames;
    }

    List<byte[]> rtcpPackets() {
        return rtcpPackets;
    }

    String session() {
        return session;
    }

    /**
     * Sends a request with CSeq (and Session once there is one); returns the response.
     *
     * @param headerLines header fields as {@code "Name: value"}
     */
    RtspResponse request(String method, String target, String... headerLines) throws IOException {
        List<String> fields = new ArrayList<>();
        if (session != null) {
            fields.add(RtspHeaders.SESSION);
            fields.add(session);
        }
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a header line: " + line);
            }
            fields.add(line.substring(0, colon));
            fields.add(line.substring(colon + 1).strip());
        }
        RtspResponse r = rtsp.request(RtspMethod.valueOf(method), target, fields.toArray(String[]::new));
        if (method.equals("SETUP") && r.status().code() == 200) {
            session = rtsp.session().orElseThrow();
            String transport = r.headers().first(RtspHeaders.TRANSPORT).orElse("");
            int at = transport.indexOf("ssrc=");
            if (at >= 0) {
                ssrc = Long.parseLong(transport.substring(at + 5, at + 13), 16);
            }
        }
        return r;
    }

    RtspResponse setupUdp() throws IOException {
        return request("SETUP", url + "/trackID=0",
                "Transport: RTP/AVP;unicast;client_port=" + rtpPort() + "-" + rtcpPort());
    }

    RtspResponse setupTcp() throws IOException {
        return request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
    }

    private void onInterleaved(InterleavedFrame f) {
        if (f.channel() == 0) {
            onRtp(f.payload(), f.payload().length);
        } else {
            rtcpPackets.add(f.payload());
        }
    }

    private void receive(DatagramChannel channel, boolean isRtp) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (true) {
            try {
                buffer.clear();
                channel.receive(buffer);
                buffer.flip();
                byte[] bytes = new byte[buffer.limit()];
                buffer.get(bytes);
                if (isRtp) {
                    onRtp(bytes, bytes.length);
                } else {
                    rtcpPackets.add(bytes);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized void onRtp(byte[] bytes, int length) {
        try {
            RtpPacket p = RtpPacket.decode(bytes, 0, length);
            if (ssrc != p.ssrc()) {
                return;
            }
            packets.add(p);
            depayloader.push(p).ifPresent(frames::add);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("server sent a malformed RTP packet", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rtsp.close();
        } finally {
            rtp.close();
            rtcp.close();
        }
    }
}
