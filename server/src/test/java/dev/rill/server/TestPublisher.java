package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A publisher as ffmpeg behaves: ANNOUNCE with an SDP, SETUP with {@code mode=record} over TCP
 * or UDP, RECORD, then RFC 2435 packets (made by the server's own payloader) as {@code $} frames
 * or datagrams. Every step can be sent wrong on purpose.
 */
final class TestPublisher implements AutoCloseable {

    static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=test\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 26\r\na=control:streamid=0\r\n";

    private final RawRtsp rtsp;
    private final String url;
    private final Payloader payloader;
    private int cseq;
    private String session;
    private int sequence;
    private DatagramSocket udp;
    private InetSocketAddress serverRtp;

    TestPublisher(int port, String path) throws IOException {
        this.rtsp = new RawRtsp(port);
        this.url = "rtsp://127.0.0.1:" + port + path;
        RtpPayloadFormat jpeg = ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst().orElseThrow();
        this.payloader = jpeg.payloader(new FakeLiveSource("publisher"), 1400 - RtpPacket.HEADER_LENGTH);
    }

    RawRtsp rtsp() {
        return rtsp;
    }

    String session() {
        return session;
    }

    RtspResponse request(String method, String target, String... headers) throws IOException {
        return requestWithBody(method, target, null, headers);
    }

    RtspResponse requestWithBody(String method, String target, String body, String... headers) throws IOException {
        StringBuilder text = new StringBuilder(method + " " + target + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n");
        if (session != null) {
            text.append("Session: ").append(session).append("\r\n");
        }
        for (String h : headers) {
            text.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            text.append("Content-Length: ").append(content.length).append("\r\n");
        }
        text.append("\r\n").append(body == null ? "" : body);
        RtspResponse r = rtsp.exchange(text.toString());
        r.headers().first(RtspHeaders.SESSION).ifPresent(s -> session = s.split(";")[0].strip());
        return r;
    }

    RtspResponse announce() throws IOException {
        return announce(SDP);
    }

    RtspResponse announce(String sdp) throws IOException {
        return requestWithBody("ANNOUNCE", url, sdp, "Content-Type: application/sdp");
    }

    RtspResponse setupTcp() throws IOException {
        return request("SETUP", url + "/streamid=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
    }

    /** SETUP over UDP; the server's RTP port comes from its reply. */
    RtspResponse setupUdp() throws IOException {
        udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        RtspResponse r = request("SETUP", url + "/streamid=0", "Transport: RTP/AVP;unicast;client_port="
                + udp.getLocalPort() + "-" + (udp.getLocalPort() + 1) + ";mode=RECORD");
        String transport = r.headers().first(RtspHeaders.TRANSPORT).orElse("");
        int at = transport.indexOf("server_port=");
        if (at >= 0) {
            int port = Integer.parseInt(transport.substring(at + 12).split("[-;]")[0]);
            serverRtp = new InetSocketAddress("127.0.0.1", port);
        }
        return r;
    }

    RtspResponse record() throws IOException {
        return request("RECORD", url, "Range: npt=0.000-");
    }

    RtspResponse teardown() throws IOException {
        return request("TEARDOWN", url);
    }

    /** One frame's packets, over whichever transport was set up. */
    void send(byte[] jpeg, long rtpTimestamp) throws IOException {
        for (byte[] packet : packets(jpeg, rtpTimestamp)) {
            sendPacket(packet);
        }
    }

    /** The RTP packets of one frame, not sent. */
    List<byte[]> packets(byte[] jpeg, long rtpTimestamp) {
        List<byte[]> out = new ArrayList<>();
        for (PayloadFragment f : payloader.payload(new Frame(0, jpeg))) {
            byte[] payload = new byte[f.payload().remaining()];
            f.payload().duplicate().get(payload);
            out.add(new RtpPacket(f.marker(), 26, sequence++ & 0xFFFF, rtpTimestamp, 0x1234, payload).encode());
        }
        return out;
    }

    /** Any bytes as one RTP packet on the set-up transport. */
    void sendPacket(byte[] packet) throws IOException {
        if (serverRtp != null) {
            udp.send(new DatagramPacket(packet, packet.length, serverRtp));
        } else {
            rtsp.send(new InterleavedFrame(0, packet).encode());
        }
    }

    @Override
    public void close() {
        rtsp.close();
        if (udp != null) {
            udp.close();
        }
    }
}
