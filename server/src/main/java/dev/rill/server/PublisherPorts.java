package dev.rill.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP ports a publisher sends to (its {@code server_port}): an even RTP port and the next
 * one for RTCP, on the address its RTSP connection came in on, each read by a virtual thread of
 * its own. The senders' shared ports are not used: what they read is theirs, and a publisher's
 * packets must never take their time. Datagrams from any address but the publisher's are
 * dropped and counted.
 */
final class PublisherPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherPorts.class);
    /** Tries at a free even/odd pair. */
    static final int ATTEMPTS = 64;
    /** The longest a read waits before looking whether the ports were closed. */
    private static final int READ_TIMEOUT_MILLIS = 1_000;
    /** Room for a whole packet; a publisher may send up to the UDP limit. */
    private static final int PACKET_BYTES = 65_536;
    /** A publisher's burst of a large frame must not overflow the socket. */
    private static final int RECEIVE_BUFFER_BYTES = 2 << 20;

    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private final InetAddress publisher;
    private final AtomicLong strangers = new AtomicLong();
    private volatile boolean open = true;

    private PublisherPorts(DatagramSocket rtp, DatagramSocket rtcp, InetAddress publisher) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.publisher = publisher;
    }

    /** Binds a free even/odd pair on {@code local} for packets from {@code publisher}. */
    static PublisherPorts open(InetAddress local, InetAddress publisher) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            DatagramSocket first = new DatagramSocket(new InetSocketAddress(local, 0));
            int port = first.getLocalPort();
            if (port % 2 == 0 && port < 65535) {
                try {
                    DatagramSocket second = new DatagramSocket(new InetSocketAddress(local, port + 1));
                    return configured(first, second, publisher);
                } catch (SocketException e) {
                    last = e;
                }
            }
            first.close();
        }
        throw new IOException("no free even/odd UDP port pair for a publisher after " + ATTEMPTS + " tries", last);
    }

    private static PublisherPorts configured(DatagramSocket rtp, DatagramSocket rtcp, InetAddress publisher)
            throws SocketException {
        try {
            rtp.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            rtp.setSoTimeout(READ_TIMEOUT_MILLIS);
            rtcp.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new PublisherPorts(rtp, rtcp, publisher);
        } catch (SocketException e) {
            rtp.close();
            rtcp.close();
            throw e;
        }
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    int rtcpPort() {
        return rtcp.getLocalPort();
    }

    /** Starts reading for {@code owner}. */
    void start(Publisher owner) {
        Thread.ofVirtual().name("rill-publisher-rtp " + rtpPort()).start(() -> read(rtp, owner, true));
        Thread.ofVirtual().name("rill-publisher-rtcp " + rtcpPort()).start(() -> read(rtcp, owner, false));
    }

    private void read(DatagramSocket socket, Publisher owner, boolean isRtp) {
        DatagramPacket packet = new DatagramPacket(new byte[PACKET_BYTES], PACKET_BYTES);
        while (open) {
            try {
                packet.setLength(PACKET_BYTES);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (open) {
                    LOG.warn("{}: publisher port {} failed: {}", owner.peer(), socket.getLocalPort(), e.toString());
                    owner.end("UDP port failed");
                }
                return;
            }
            if (!packet.getAddress().equals(publisher)) {
                strangers.incrementAndGet();
                continue;
            }
            if (isRtp) {
                owner.rtp(packet.getData(), packet.getOffset(), packet.getLength());
            } else {
                owner.rtcp();
            }
        }
    }

    /** Datagrams that came from another address than the publisher's. */
    long strangers() {
        return strangers.get();
    }

    @Override
    public void close() {
        open = false;
        rtp.close();
        rtcp.close();
        if (strangers.get() > 0) {
            LOG.info("publisher ports {}-{}: {} datagrams from other addresses dropped", rtpPort(), rtcpPort(), strangers.get());
        }
    }
}
