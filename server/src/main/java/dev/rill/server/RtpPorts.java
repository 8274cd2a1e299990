package dev.rill.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * The server's RTP and RTCP sockets, shared by every UDP session: RTP on an even port, RTCP on
 * the next one (RFC 3550 §11). "auto" takes a free pair.
 */
record RtpPorts(DatagramChannel rtp, DatagramChannel rtcp, int rtpPort, int rtcpPort) implements AutoCloseable {

    /** Tries before "auto" gives up on finding a free even/odd pair. */
    static final int AUTO_ATTEMPTS = 64;
    /** Socket send buffer: a burst of a few thousand packets must not block the sender. */
    static final int SEND_BUFFER_BYTES = 8 << 20;

    static RtpPorts open(String host, String spec) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!spec.equals("auto")) {
            String[] parts = spec.split("-");
            int rtp = Integer.parseInt(parts[0]);
            int rtcp = Integer.parseInt(parts[1]);
            if (rtp % 2 != 0 || rtcp != rtp + 1 || rtcp > 65535) {
                throw new IOException("rtp.serverPorts must be an even port and the next one: " + spec);
            }
            return pair(address, rtp);
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
                    return pair(address, even);
                }
            } catch (IOException e) {
                last = e;
                probe.close();
            }
        }
        throw new IOException("no free even/odd UDP port pair for RTP/RTCP after " + AUTO_ATTEMPTS + " tries", last);
    }

    private static RtpPorts pair(InetAddress address, int rtpPort) throws IOException {
        DatagramChannel rtp = DatagramChannel.open();
        try {
            rtp.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            rtp.bind(new InetSocketAddress(address, rtpPort));
            DatagramChannel rtcp = DatagramChannel.open();
            try {
                rtcp.bind(new InetSocketAddress(address, rtpPort + 1));
                return new RtpPorts(rtp, rtcp, rtpPort, rtpPort + 1);
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
            rtp.close();
        } finally {
            rtcp.close();
        }
    }
}
