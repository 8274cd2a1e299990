package dev.rill.server;

import dev.rill.server.udp.RtpSocket;
import dev.rill.server.udp.RtpSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's RTP and RTCP sockets, shared by every UDP session: RTP on an even port, RTCP on
 * the next one (RFC 3550 §11). "auto" takes a free pair. With several sender threads each has a
 * socket of its own on the same RTP port ({@code SO_REUSEPORT}), so that they never wait for each
 * other inside a send; clients see one server port either way. RTP sockets are non-blocking:
 * each belongs to its sender, which also reads what arrives on it (see {@link Sender}). They are
 * made on the send path {@link RtpSockets} chose: natively on Linux, else as DatagramChannels.
 * The RTCP socket is non-blocking as well: {@link Rtcp} reads it on a timer.
 *
 * @param senders one RTP socket per sender thread, all bound to {@code rtpPort}
 */
record RtpPorts(DatagramChannel rtcp, int rtpPort, int rtcpPort, List<RtpSocket> senders) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpPorts.class);

    /** Tries before "auto" gives up on finding a free even/odd pair. */
    static final int AUTO_ATTEMPTS = 64;
    /** Socket send buffer: a burst of a few thousand packets must not block the sender. */
    static final int SEND_BUFFER_BYTES = 8 << 20;
    /**
     * RTCP socket receive buffer. Reports from thousands of clients come in bursts (clients that
     * started together report together): with the default 208 KiB, about 250 small datagrams,
     * 3,000 clients overflowed it every 5 s. The kernel caps it at {@code net.core.rmem_max}.
     */
    static final int RTCP_RECEIVE_BUFFER_BYTES = 4 << 20;

    /** Opens the pair on the portable path, with up to {@code senderCount} RTP sockets. */
    static RtpPorts open(String host, String spec, int senderCount) throws IOException {
        return open(host, spec, senderCount, RtpSockets.portable());
    }

    /** Opens the pair, with up to {@code senderCount} RTP sockets (one where the OS cannot share a port). */
    static RtpPorts open(String host, String spec, int senderCount, RtpSockets sockets) throws IOException {
        boolean share = senderCount > 1 && supportsReusePort();
        RtpPorts ports = open(host, spec, share, sockets);
        List<RtpSocket> senders = new ArrayList<>(ports.senders());
        try {
            while (senders.size() < senderCount && share) {
                senders.add(sockets.open(InetAddress.getByName(host), ports.rtpPort(), true, SEND_BUFFER_BYTES));
            }
        } catch (IOException e) {
            for (RtpSocket c : senders) {
                c.close();
            }
            ports.rtcp().close();
            throw e;
        }
        return new RtpPorts(ports.rtcp(), ports.rtpPort(), ports.rtcpPort(), List.copyOf(senders));
    }

    private static boolean supportsReusePort() {
        try (DatagramChannel probe = DatagramChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    private static RtpPorts open(String host, String spec, boolean reusePort, RtpSockets sockets) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!spec.equals("auto")) {
            String[] parts = spec.split("-");
            int rtp = Integer.parseInt(parts[0]);
            int rtcp = Integer.parseInt(parts[1]);
            if (rtp % 2 != 0 || rtcp != rtp + 1 || rtcp > 65535) {
                throw new IOException("rtp.serverPorts must be an even port and the next one: " + spec);
            }
            return pair(address, rtp, reusePort, sockets);
        }
        IOException last = null;
        for (int attempt = 0; attempt < AUTO_ATTEMPTS; attempt++) {
            DatagramChannel probe = DatagramChannel.open();
            try {
                probe.bind(new InetSocketAddress(address, 0));
                int port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
                probe.close();
                int even = port % 2 == 0 ? port : port + 1;
                if (even + 1 <= 65535) {
                    return pair(address, even, reusePort, sockets);
                }
            } catch (IOException e) {
                last = e;
                probe.close();
            }
        }
        throw new IOException("no free even/odd UDP port pair for RTP/RTCP after " + AUTO_ATTEMPTS + " tries", last);
    }

    private static RtpPorts pair(InetAddress address, int rtpPort, boolean reusePort, RtpSockets sockets)
            throws IOException {
        RtpSocket rtp = sockets.open(address, rtpPort, reusePort, SEND_BUFFER_BYTES);
        try {
            DatagramChannel rtcp = DatagramChannel.open();
            try {
                rtcp.configureBlocking(false);
                rtcp.setOption(StandardSocketOptions.SO_RCVBUF, RTCP_RECEIVE_BUFFER_BYTES);
                rtcp.bind(new InetSocketAddress(address, rtpPort + 1));
                int granted = rtcp.getOption(StandardSocketOptions.SO_RCVBUF);
                if (granted < RTCP_RECEIVE_BUFFER_BYTES) {
                    LOG.warn("RTCP receive buffer is {} bytes, not the {} asked for: with thousands of clients"
                            + " their reports may be dropped in bursts; raise net.core.rmem_max", granted,
                            RTCP_RECEIVE_BUFFER_BYTES);
                }
                return new RtpPorts(rtcp, rtpPort, rtpPort + 1, List.of(rtp));
            } catch (IOException e) {
                rtcp.close();
                throw e;
            }
        } catch (IOException e) {
            rtp.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (RtpSocket c : senders) {
                c.close();
            }
        } finally {
            rtcp.close();
        }
    }
}
