package dev.rill.server.udp;

import dev.rill.spi.PayloadFragment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portable path: a non-blocking {@link DatagramChannel}, one {@code send} per packet, each
 * packet copied with its header into one direct buffer. Frames are sent as they are queued.
 */
final class PortableRtpSocket implements RtpSocket {

    private static final Logger LOG = LoggerFactory.getLogger(PortableRtpSocket.class);
    /** The largest UDP payload of IPv4, which bounds any packet we build. */
    static final int MAX_DATAGRAM = 65_507;
    static final int HEADER = 12;

    private final DatagramChannel channel;
    private final ByteBuffer packet = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final ByteBuffer junk = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final FullBuffer full = new FullBuffer();
    private final BitSet refused = new BitSet();
    private final Map<Integer, String> why = new HashMap<>();
    private int frames;

    /** @param channel bound and non-blocking; closed with this socket */
    PortableRtpSocket(DatagramChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the RTP channel must be non-blocking");
        }
        this.channel = channel;
    }

    /** A channel bound to {@code host:port}, as {@code RtpPorts} has always made them. */
    static PortableRtpSocket open(InetAddress host, int port, boolean reusePort, int sendBuffer) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(host, port));
            return new PortableRtpSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int queue(InetSocketAddress to, ByteBuffer headers, List<PayloadFragment> fragments) {
        int frame = frames++;
        int at = headers.position();
        try {
            for (PayloadFragment fragment : fragments) {
                packet.clear();
                packet.put(packet.position(), headers, at, HEADER);
                packet.position(HEADER);
                ByteBuffer payload = fragment.payload();
                packet.put(HEADER, payload, 0, payload.limit());
                packet.limit(HEADER + payload.limit()).position(0);
                at += HEADER;
                while (channel.send(packet, to) == 0) {
                    if (!full.waitForRoom(1)) {
                        break;
                    }
                }
                full.sent();
            }
        } catch (IOException e) {
            refused.set(frame);
            why.put(frame, e.toString());
        }
        return frame;
    }

    @Override
    public void flush(Refusals refusals) {
        for (int f = refused.nextSetBit(0); f >= 0; f = refused.nextSetBit(f + 1)) {
            refusals.refused(f, why.get(f));
        }
        refused.clear();
        why.clear();
        frames = 0;
    }

    @Override
    public void drain(int max) {
        try {
            for (int i = 0; i < max; i++) {
                junk.clear();
                if (channel.receive(junk) == null) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("RTP port: {}", e.toString());
        }
    }

    @Override
    public SendPath path() {
        return SendPath.PORTABLE;
    }

    /** Packets dropped because the socket buffer stayed full. */
    long dropped() {
        return full.dropped();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the RTP channel: {}", e.toString());
        }
    }
}
