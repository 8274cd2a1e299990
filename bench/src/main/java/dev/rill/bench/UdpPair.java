package dev.rill.bench;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * A session's RTP and RTCP sockets: an even port and the next one (RFC 3550 §11), bound on one
 * local address, each with the receive buffer asked for.
 *
 * @param rtp            the even port's channel
 * @param rtcp           the odd port's channel
 * @param rtpPort        the even port
 * @param grantedReceive the receive buffer granted for RTP as Java reports it, in bytes: on Linux
 *                       the JDK halves the kernel's (doubled) figure, so it compares with the
 *                       request; the kernel caps a request at net.core.rmem_max
 */
record UdpPair(DatagramChannel rtp, DatagramChannel rtcp, int rtpPort, int grantedReceive) implements AutoCloseable {

    /** Tries before giving up on finding a free even/odd pair. */
    static final int ATTEMPTS = 64;

    /** Binds a free even/odd pair on {@code address}. */
    static UdpPair open(InetAddress address, int receiveBuffer) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            DatagramChannel rtp = channel(address, receiveBuffer);
            try {
                rtp.bind(new InetSocketAddress(address, 0));
                int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
                if (port % 2 != 0 || port == 65534) {
                    rtp.close();
                    continue;
                }
                DatagramChannel rtcp = channel(address, 0);
                try {
                    rtcp.bind(new InetSocketAddress(address, port + 1));
                } catch (IOException e) {
                    rtcp.close();
                    rtp.close();
                    last = e;
                    continue;
                }
                return new UdpPair(rtp, rtcp, port, rtp.getOption(StandardSocketOptions.SO_RCVBUF));
            } catch (IOException | RuntimeException e) {
                rtp.close();
                throw e;
            }
        }
        throw new IOException("no free even/odd UDP port pair on " + address.getHostAddress() + " after "
                + ATTEMPTS + " tries", last);
    }

    private static DatagramChannel channel(InetAddress address, int receiveBuffer) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        if (receiveBuffer > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        return channel;
    }

    /** Takes only datagrams from the server's RTP and RTCP ports, and lets reads skip the source address. */
    void connect(InetSocketAddress serverRtp, InetSocketAddress serverRtcp) throws IOException {
        rtp.connect(serverRtp);
        rtcp.connect(serverRtcp);
    }

    @Override
    public void close() throws IOException {
        try {
            rtp.close();
        } finally {
            rtcp.close();
        }
    }
}
