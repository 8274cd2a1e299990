package dev.rill.client;

import dev.rill.spi.MalformedPacketException;
import dev.rill.wire.RtcpPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A man in the middle on loopback, for tests that need a lossy network: the player connects its
 * RTSP to the relay, which passes it to the server but rewrites the ports in SETUP and its reply
 * so that RTP, and the player's RTCP, flow through the relay's UDP sockets. RTP packets whose
 * arrival index (0, 1, 2, ...) the drop rule names are not forwarded; RTCP from the player is
 * decoded and kept for the test to read. Interleaved TCP passes untouched.
 */
final class RtspRelay implements AutoCloseable {

    private static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)-(\\d+)");
    private static final Pattern SERVER_PORT = Pattern.compile("server_port=(\\d+)-(\\d+)");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerSocket listener;
    private final int upstreamPort;
    private final IntPredicate drop;
    private final DatagramSocket rtpIn;       // the server sends RTP here
    private final DatagramSocket rtcpIn;      // the server sends RTCP here
    private final DatagramSocket rtcpUp;      // the player sends its RTCP here
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<RtcpPacket> playerRtcp = new CopyOnWriteArrayList<>();
    private final AtomicInteger rtpSeen = new AtomicInteger();
    /** Sequence numbers of the RTP packets that came from the server, in arrival order. */
    final List<Integer> sequences = new CopyOnWriteArrayList<>();
    private final AtomicInteger rtpDropped = new AtomicInteger();
    private volatile int clientRtp;
    private volatile int clientRtcp;
    private volatile int serverRtcp;

    /** @param drop true for the arrival indexes of RTP packets to drop */
    RtspRelay(int upstreamPort, IntPredicate drop) throws IOException {
        this.upstreamPort = upstreamPort;
        this.drop = drop;
        this.listener = new ServerSocket(0, 8, LOOPBACK);
        DatagramSocket[] pair = evenOddPair();
        this.rtpIn = pair[0];
        this.rtcpIn = pair[1];
        this.rtcpUp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        Thread.ofVirtual().start(this::accept);
        Thread.ofVirtual().start(() -> pump(rtpIn, true));
        Thread.ofVirtual().start(() -> pump(rtcpIn, false));
        Thread.ofVirtual().start(this::playerRtcp);
    }

    /** Servers want RTP on an even port and RTCP on the next (RFC 3550 §11). */
    private static DatagramSocket[] evenOddPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket first = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            if (first.getLocalPort() % 2 == 0) {
                try {
                    return new DatagramSocket[] {first,
                        new DatagramSocket(new InetSocketAddress(LOOPBACK, first.getLocalPort() + 1))};
                } catch (SocketException e) {
                    // taken: another pair
                }
            }
            first.close();
        }
        throw new IOException("no even/odd UDP port pair");
    }

    int port() {
        return listener.getLocalPort();
    }

    String url(String name) {
        return "rtsp://127.0.0.1:" + port() + "/" + name;
    }

    int rtpDropped() {
        return rtpDropped.get();
    }

    /** The RTCP packets the player sent, decoded. */
    List<RtcpPacket> playerRtcpPackets() {
        return List.copyOf(playerRtcp);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket player = listener.accept();
                Socket server = new Socket(LOOPBACK, upstreamPort);
                sockets.add(player);
                sockets.add(server);
                Thread.ofVirtual().start(() -> copy(player, server, true));
                Thread.ofVirtual().start(() -> copy(server, player, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies one direction of the RTSP connection, rewriting the SETUP ports on the way. */
    private void copy(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] bytes = java.util.Arrays.copyOf(buffer, n);
                // Text only: an interleaved $ frame (TCP) passes as it came.
                if (n > 0 && buffer[0] != '$') {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    String rewritten = towardsServer ? towardsServer(text) : towardsPlayer(text);
                    bytes = rewritten.getBytes(StandardCharsets.ISO_8859_1);
                }
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other copy ends too
        } finally {
            close(from);
            close(to);
        }
    }

    private String towardsServer(String text) {
        Matcher m = CLIENT_PORT.matcher(text);
        if (!m.find()) {
            return text;
        }
        clientRtp = Integer.parseInt(m.group(1));
        clientRtcp = Integer.parseInt(m.group(2));
        return m.replaceFirst("client_port=" + rtpIn.getLocalPort() + "-" + rtcpIn.getLocalPort());
    }

    private String towardsPlayer(String text) {
        Matcher m = SERVER_PORT.matcher(text);
        if (!m.find()) {
            return text;
        }
        serverRtcp = Integer.parseInt(m.group(2));
        // The player sends its RTCP to "server_port b": here. The RTP port is never sent to.
        return m.replaceFirst("server_port=" + (rtcpUp.getLocalPort() - 1) + "-" + rtcpUp.getLocalPort());
    }

    private void pump(DatagramSocket socket, boolean rtp) {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                if (rtp && p.getLength() >= 4) {
                    sequences.add(((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF));
                }
                if (rtp && drop.test(rtpSeen.getAndIncrement())) {
                    rtpDropped.incrementAndGet();
                    continue;
                }
                int port = rtp ? clientRtp : clientRtcp;
                socket.send(new DatagramPacket(buffer, p.getLength(), LOOPBACK, port));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void playerRtcp() {
        byte[] buffer = new byte[2048];
        while (!rtcpUp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                rtcpUp.receive(p);
                playerRtcp.addAll(RtcpPacket.decodeCompound(buffer, 0, p.getLength()));
                if (serverRtcp > 0) {
                    rtcpUp.send(new DatagramPacket(buffer, p.getLength(), LOOPBACK, serverRtcp));
                }
            } catch (MalformedPacketException e) {
                throw new AssertionError("the player sent malformed RTCP: " + e.getMessage(), e);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        rtpIn.close();
        rtcpIn.close();
        rtcpUp.close();
        for (Socket s : sockets) {
            close(s);
        }
    }
}
