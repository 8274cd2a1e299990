package dev.rill.server;

import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceptionReport;
import dev.rill.wire.RtcpPacket;
import dev.rill.spi.SessionState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTCP for standard sessions (RFC 3550 §6): a sender report about every 5 s while a session
 * plays, SR + BYE when it ends, and the clients' receiver reports read and handed on (they also
 * keep a session alive). Whatever else arrives on the server's RTCP port, such as the packets
 * ffmpeg sends to open NAT bindings, is read and dropped without complaint (the senders do the
 * same on the RTP port).
 */
final class Rtcp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rtcp.class);
    /** Mean interval between sender reports (RFC 3550 §6.2's minimum), randomised ±50 %. */
    static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How often the RTCP port is read. */
    static final long TICK_MILLIS = 50;
    /** How often the sessions are looked through for a sender report that is due. */
    static final long SCAN_MILLIS = 250;
    /**
     * Datagrams handled per tick at most (the rest waits for the next): the socket's 4 MiB buffer
     * holds several thousand reports.
     */
    static final int READS_PER_TICK = 8192;
    private static final String CNAME = "rill@" + hostName();

    private final DatagramChannel rtcpChannel;
    private final SessionPool sessions;
    private final BiConsumer<Session, ReceptionReport> onReport;
    private volatile boolean running = true;

    /**
     * @param onReport called with a session and what its client reported about it
     */
    Rtcp(DatagramChannel rtcpChannel, SessionPool sessions,
         BiConsumer<Session, ReceptionReport> onReport) {
        this.rtcpChannel = rtcpChannel;
        this.sessions = sessions;
        this.onReport = onReport;
    }

    /** Starts reading reports and sending them. */
    void start() {
        Thread.ofVirtual().name("rill-rtcp").start(this::run);
    }

    /**
     * Reads the RTCP port every {@link #TICK_MILLIS} and sends the sender reports that are due
     * every {@link #SCAN_MILLIS}. Reports are bookkeeping, not media: a virtual thread blocked in
     * a receive was woken through the JDK's poller thread and a carrier for every datagram,
     * about 2 % of the server's CPU at 1,000 sessions (perf), where a tick is one wake-up.
     */
    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        long nextScan = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!readWaiting(buffer)) {
                return;
            }
            long now = System.nanoTime();
            if (now - nextScan >= 0) {
                nextScan = now + TimeUnit.MILLISECONDS.toNanos(SCAN_MILLIS);
                try {
                    sendDueReports(now);
                } catch (RuntimeException e) {
                    // A bug must not end RTCP for every session: log it and go on at the next tick.
                    LOG.error("rtcp: sender reports", e);
                }
            }
        }
    }

    /** Handles what waits on the (non-blocking) RTCP port, at most a tick's bound; false once it is closed. */
    private boolean readWaiting(ByteBuffer buffer) {
        for (int i = 0; i < READS_PER_TICK; i++) {
            try {
                buffer.clear();
                SocketAddress from = rtcpChannel.receive(buffer);
                if (from == null) {
                    return true;
                }
                if (from instanceof InetSocketAddress peer) {
                    received(buffer.array(), buffer.position(), peer);
                }
            } catch (ClosedChannelException e) {
                return false;
            } catch (IOException | RuntimeException e) {
                LOG.debug("rtcp: {}", e.toString());
            }
        }
        return true;
    }

    /**
     * Handles one compound RTCP packet from a client at {@code peer} (over UDP, or interleaved
     * on its RTSP connection). Only reports about sessions set up from the same address count.
     */
    void received(byte[] bytes, int length, InetSocketAddress peer) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.decodeCompound(bytes, 0, length);
        } catch (MalformedPacketException e) {
            LOG.debug("rtcp from {}: {}", peer, e.getMessage());
            return;
        }
        long now = System.nanoTime();
        for (RtcpPacket packet : packets) {
            List<RtcpPacket.ReportBlock> blocks = switch (packet) {
                case RtcpPacket.ReceiverReport rr -> rr.reports();
                case RtcpPacket.SenderReport sr -> sr.reports();
                default -> List.of();
            };
            for (RtcpPacket.ReportBlock block : blocks) {
                sessions.bySsrc(block.ssrc())
                        .filter(s -> s.peer().getAddress().equals(peer.getAddress()))
                        .ifPresent(s -> {
                            s.touch(now);
                            onReport.accept(s, report(s, block));
                        });
            }
        }
    }

    private static ReceptionReport report(Session s, RtcpPacket.ReportBlock block) {
        Duration jitter = Duration.ofNanos(Math.round(block.jitter() * 1e9 / s.format().clockRate()));
        Optional<Duration> roundTrip = Optional.empty();
        if (block.lastSenderReport() != 0) {
            long arrival = (RtcpPacket.ntpTimestamp(System.currentTimeMillis()) >>> 16) & 0xFFFFFFFFL;
            long rtt = (arrival - block.lastSenderReport() - block.delaySinceLastSenderReport()) & 0xFFFFFFFFL;
            if (rtt < 0x80000000L) {
                roundTrip = Optional.of(Duration.ofNanos(Math.round(rtt * 1e9 / 65536)));
            }
        }
        return new ReceptionReport(block.fractionLost() / 256.0, block.cumulativeLost(), jitter, roundTrip);
    }

    private void sendDueReports(long now) {
        for (Session s : sessions.all()) {
            if (s.sessionDialect().rtcp() && s.state() == SessionState.PLAYING && now >= s.nextReportDue()) {
                long jittered = (long) (REPORT_INTERVAL_NANOS * (0.5 + ThreadLocalRandom.current().nextDouble()));
                s.reportDue(now + jittered);
                send(s, List.of(senderReport(s), sdes(s)));
            }
        }
    }

    /** Says BYE (RFC 3550 §6.6): SR, SDES, BYE in one compound packet. */
    void bye(Session session) {
        send(session, List.of(senderReport(session), sdes(session),
                new RtcpPacket.Bye(List.of(session.ssrc()), Optional.empty())));
    }

    private static RtcpPacket.SenderReport senderReport(Session s) {
        long ntp = RtcpPacket.ntpTimestamp(System.currentTimeMillis());
        // Octets count payload only (RFC 3550 §6.4.1); bytesSent includes the 12-byte headers.
        return new RtcpPacket.SenderReport(s.ssrc(), ntp, s.timestampNow(System.nanoTime()), s.packetsSent() & 0xFFFFFFFFL,
                (s.bytesSent() - 12L * s.packetsSent()) & 0xFFFFFFFFL, List.of());
    }

    /** SDES with the CNAME item every compound packet needs (RFC 3550 §6.1, §6.5.1). */
    private static RtcpPacket sdes(Session s) {
        byte[] name = CNAME.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(name.length, 255);
        int chunk = 4 + 2 + length + 1;            // SSRC, type, length, text, end of items
        ByteBuffer body = ByteBuffer.allocate((chunk + 3) / 4 * 4);
        body.putInt((int) s.ssrc()).put((byte) 1).put((byte) length).put(name, 0, length);
        return new RtcpPacket.Other(1, RtcpPacket.PT_SDES, body.array());
    }

    private void send(Session session, List<RtcpPacket> compound) {
        ByteBuffer packet = ByteBuffer.wrap(RtcpPacket.encodeCompound(compound));
        try {
            switch (session.target()) {
                case RtpTarget.Udp udp -> {
                    if (udp.rtcp().isPresent()) {
                        rtcpChannel.send(packet, udp.rtcp().get());
                    }
                }
                case RtpTarget.Interleaved tcp -> tcp.connection().sendInterleaved(tcp.rtcpChannel(), packet);
            }
        } catch (IOException e) {
            LOG.debug("{}: cannot send RTCP: {}", session, e.toString());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
