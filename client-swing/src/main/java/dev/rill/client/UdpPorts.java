package dev.rill.client;

import dev.rill.wire.PortRange;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets a stream is received on: RTP on an even port and RTCP on the next one
 * (RFC 3550 §11), or the one RTP port of the classic dialect; and the virtual threads that read
 * them into a {@link StreamReceiver}. Bound on the local address of the RTSP connection, the one
 * that reaches the server.
 */
final class UdpPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpPorts.class);
    /** Tries at finding a free even/odd pair before giving up. */
    static final int PAIR_ATTEMPTS = 50;
    /** Largest datagram read: the largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM = 65_507;
    /** Room for a burst of RFC 2435 fragments while the reader is busy. */
    private static final int RECEIVE_BUFFER = 2 * 1024 * 1024;
    private static final int POLL_MILLIS = 500;

    private final DatagramSocket rtp;
    private final Optional<DatagramSocket> rtcp;
    private final List<Thread> readers = new ArrayList<>(2);
    private volatile boolean closed;

    private UdpPorts(DatagramSocket rtp, Optional<DatagramSocket> rtcp) throws SocketException {
        this.rtp = rtp;
        this.rtcp = rtcp;
        rtp.setReceiveBufferSize(RECEIVE_BUFFER);
        rtp.setSoTimeout(POLL_MILLIS);
        if (rtcp.isPresent()) {
            rtcp.get().setSoTimeout(POLL_MILLIS);
        }
    }

    /** An even RTP port and the odd RTCP port above it, both free, on {@code local}. */
    static UdpPorts pair(InetAddress local) throws IOException {
        for (int attempt = 0; attempt < PAIR_ATTEMPTS; attempt++) {
            DatagramSocket first = new DatagramSocket(new InetSocketAddress(local, 0));
            int port = first.getLocalPort();
            if (port % 2 != 0 || port == 65_534) {
                first.close();
                continue;
            }
            try {
                DatagramSocket second = new DatagramSocket(new InetSocketAddress(local, port + 1));
                return new UdpPorts(first, Optional.of(second));
            } catch (SocketException e) {
                first.close(); // the odd port is taken: try another pair
            }
        }
        throw new IOException("no free even/odd UDP port pair on " + local.getHostAddress() + " after "
                + PAIR_ATTEMPTS + " tries");
    }

    /** One RTP port (the classic dialect has no RTCP); 0 picks a free one. */
    static UdpPorts single(InetAddress local, int port) throws IOException {
        try {
            return new UdpPorts(new DatagramSocket(new InetSocketAddress(local, port)), Optional.empty());
        } catch (SocketException e) {
            throw new IOException("cannot receive on UDP port " + port + " of " + local.getHostAddress() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The ports to announce in SETUP: {@code a-b}, or {@code a} for a single port. */
    PortRange range() {
        return rtcp.map(r -> new PortRange(rtp.getLocalPort(), r.getLocalPort()))
                .orElse(PortRange.of(rtp.getLocalPort()));
    }

    /** Starts reading into {@code receiver}. */
    void start(StreamReceiver receiver) {
        readers.add(Thread.ofVirtual().name("rill-rtp-" + rtp.getLocalPort())
                .start(() -> read(rtp, receiver::rtp)));
        rtcp.ifPresent(socket -> readers.add(Thread.ofVirtual().name("rill-rtcp-" + socket.getLocalPort())
                .start(() -> read(socket, receiver::rtcp))));
    }

    private interface PacketHandler {
        void handle(byte[] bytes, int offset, int length);
    }

    private void read(DatagramSocket socket, PacketHandler handler) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                handler.handle(buffer, datagram.getOffset(), datagram.getLength());
            } catch (SocketTimeoutException e) {
                // poll: look at closed again
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("UDP port {}: {}", socket.getLocalPort(), e.toString());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot handle a packet on port {}: {}", socket.getLocalPort(), e.toString());
            }
        }
    }

    /** Sends an RTCP packet from the RTCP port (the server knows us by it, RFC 3550 §11). */
    void sendRtcp(byte[] packet, InetSocketAddress to) {
        DatagramSocket from = rtcp.orElse(rtp);
        try {
            from.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            LOG.debug("cannot send RTCP to {}: {}", to, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        rtp.close();
        rtcp.ifPresent(DatagramSocket::close);
    }
}
