package dev.rill.server;

import static org.awaitility.Awaitility.await;

import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A client that speaks exactly as the course's clients do: bare file names, no blank line after
 * a request (the Java client ends lines with CRLF, the Python one with LF and nothing after the
 * last line), one request per write. The RTSP is rill-wire's client in the matching
 * {@link RequestStyle}; a reply is what came for the request, as text, byte for byte.
 */
final class ClassicClient implements AutoCloseable {

    enum Style {
        JAVA(RequestStyle.CLASSIC_CRLF), PYTHON(RequestStyle.CLASSIC_LF);

        private final RequestStyle form;

        Style(RequestStyle form) {
            this.form = form;
        }
    }

    /**
     * A reply is what arrives before this much quiet. The server writes a reply in one write, which
     * on loopback arrives whole; the course's Python client, which takes one recv() as the reply,
     * is stricter still.
     */
    private static final Duration GRACE = Duration.ofMillis(20);

    private final RtspClient rtsp;
    private final DatagramChannel rtp;
    private final List<RtpPacket> packets = new CopyOnWriteArrayList<>();
    private String session = "0";
    /**
     * The server's RTP port, when the test gives it: datagrams from any other port are ignored
     * (on a shared machine another server may still be sending to a port this socket now has).
     */
    private final int serverRtpPort;

    ClassicClient(int port, Style style) throws IOException {
        this(port, style, -1);
    }

    ClassicClient(int port, Style style, int serverRtpPort) throws IOException {
        this.serverRtpPort = serverRtpPort;
        this.rtp = DatagramChannel.open();
        rtp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        rtp.bind(new InetSocketAddress("127.0.0.1", 0));
        try {
            this.rtsp = RtspClient.connect("127.0.0.1", port, RtspClientOptions.of(style.form)
                    .withTimeout(Duration.ofSeconds(10)).withClassicGrace(GRACE));
        } catch (IOException e) {
            rtp.close();
            throw e;
        }
        Thread.ofVirtual().start(this::receive);
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.socket().getLocalSocketAddress()).getPort();
    }

    List<RtpPacket> packets() {
        return packets;
    }

    String session() {
        return session;
    }

    /** Sends a request as the course's client would, in one write, and returns the reply's text. */
    String request(String method, String file, String extraLine) throws IOException {
        String[] field = extraLine == null ? new String[0] : extraLine.split(": ", 2);
        RtspClient.Reply reply = rtsp.exchange(RtspMethod.valueOf(method), file, field);
        if (reply.response().status().code() == 200) {
            reply.response().headers().first(RtspHeaders.SESSION).ifPresent(id -> session = id);
        }
        return reply.text();
    }

    String setup(String file) throws IOException {
        return request("SETUP", file, "Transport: RTP/UDP; client_port= " + rtpPort());
    }

    String play(String file) throws IOException {
        return request("PLAY", file, "Session: " + session);
    }

    String pause(String file) throws IOException {
        return request("PAUSE", file, "Session: " + session);
    }

    String teardown(String file) throws IOException {
        return request("TEARDOWN", file, "Session: " + session);
    }

    /** True when the server sent no byte more within {@code millis}. */
    boolean nothingMoreWithin(int millis) {
        long before = rtsp.bytesReceived();
        try {
            await().during(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 1000))
                    .until(() -> rtsp.bytesReceived() == before);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (true) {
            try {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) rtp.receive(buffer);
                buffer.flip();
                if (serverRtpPort > 0 && from.getPort() != serverRtpPort) {
                    continue;
                }
                packets.add(RtpPacket.decode(buffer.array(), 0, buffer.limit()));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | MalformedPacketException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rtsp.close();
        } finally {
            rtp.close();
        }
    }
}
