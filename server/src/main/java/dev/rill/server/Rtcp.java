package dev.rill.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTCP on the server's RTCP port (RFC 3550 §6): reads what clients send (receiver reports keep a
 * session alive; anything else, such as the packets ffmpeg sends to open NAT bindings, is taken
 * without complaint) and sends sender reports and BYE.
 */
final class Rtcp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rtcp.class);
    static final int PT_SR = 200;
    static final int PT_RR = 201;
    static final int PT_BYE = 203;
    /** Seconds between 1900 (NTP's epoch) and 1970 (Unix's). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final DatagramChannel channel;
    private final Function<InetSocketAddress, Optional<Session>> sessionAt;
    private final Thread receiver;
    private volatile boolean running = true;

    Rtcp(DatagramChannel channel, Function<InetSocketAddress, Optional<Session>> sessionAt) {
        this.channel = channel;
        this.sessionAt = sessionAt;
        this.receiver = Thread.ofVirtual().name("rill-rtcp-receiver").start(this::receive);
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (running) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from instanceof InetSocketAddress peer) {
                    sessionAt.apply(peer).ifPresent(s -> s.touch(System.nanoTime()));
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("rtcp: {}", e.toString());
            }
        }
    }

    /** Sends a sender report followed by BYE (RFC 3550 §6.6) to the session's client. */
    void bye(Session session) {
        ByteBuffer out = ByteBuffer.allocate(28 + 8);
        writeSenderReport(out, session);
        out.put((byte) 0x81);               // V=2, P=0, SC=1
        out.put((byte) PT_BYE);
        out.putShort((short) 1);            // length in 32-bit words, less one
        out.putInt((int) session.ssrc());
        out.flip();
        send(session, out);
    }

    /** A sender report (RFC 3550 §6.4.1) without report blocks: we receive no RTP. */
    static void writeSenderReport(ByteBuffer out, Session session) {
        long nowMillis = System.currentTimeMillis();
        long seconds = nowMillis / 1000 + NTP_UNIX_OFFSET;
        long fraction = ((nowMillis % 1000) << 32) / 1000;
        out.put((byte) 0x80);               // V=2, P=0, RC=0
        out.put((byte) PT_SR);
        out.putShort((short) 6);
        out.putInt((int) session.ssrc());
        out.putInt((int) seconds);
        out.putInt((int) fraction);
        out.putInt((int) session.lastTimestamp());
        out.putInt((int) session.packetsSent());
        out.putInt((int) (session.bytesSent() - 12 * session.packetsSent()));
    }

    private void send(Session session, ByteBuffer packet) {
        try {
            switch (session.target()) {
                case RtpTarget.Udp udp -> {
                    if (udp.rtcp().isPresent()) {
                        channel.send(packet, udp.rtcp().get());
                    }
                }
                case RtpTarget.Interleaved tcp -> tcp.connection().sendInterleaved(tcp.rtcpChannel(), packet);
            }
        } catch (IOException e) {
            LOG.debug("{}: cannot send RTCP: {}", session, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
