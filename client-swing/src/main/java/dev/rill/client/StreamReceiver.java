package dev.rill.client;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceivedFrame;
import dev.rill.wire.RtcpPacket;
import dev.rill.spi.RtpPacket;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one stream's packets go through, whichever way they came (UDP or interleaved):
 * RTP to the {@link ReceptionStats} and the depayloader, completed frames to the
 * {@link Playout}; RTCP sender reports remembered for the receiver reports' LSR/DLSR, BYE
 * reported. The first SSRC seen (or the one SETUP named) is the stream; other sources and other
 * payload types are counted and ignored.
 */
final class StreamReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReceiver.class);

    /** What the receiver tells the player; called on the receiving thread, must not block. */
    interface Events {
        void firstPacket();

        void bye(Optional<String> reason);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Depayloader depayloader;
    private final ReceptionStats stats;
    private final Playout playout;
    private final OptionalInt payloadType;
    private final Events events;
    private final long originNanos = System.nanoTime();

    private OptionalLong ssrc;
    private long foreign;
    private long malformed;
    private long framesReceived;
    private volatile long lastPacketNanos;
    private volatile boolean anyPacket;
    private OptionalLong firstTimestampSinceRestart = OptionalLong.empty();
    private OptionalLong lastSrCompact = OptionalLong.empty();
    private long lastSrNanos;
    private long senderReports;

    /**
     * @param ssrc        the source SETUP announced, if it did
     * @param payloadType the payload type the SDP announced, if any
     */
    StreamReceiver(Depayloader depayloader, ReceptionStats stats, Playout playout, OptionalLong ssrc,
                   OptionalInt payloadType, Events events) {
        this.depayloader = depayloader;
        this.stats = stats;
        this.playout = playout;
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.events = events;
    }

    /** One RTP packet, just received. */
    void rtp(byte[] bytes, int offset, int length) {
        long now = System.nanoTime();
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(bytes, offset, length);
        } catch (MalformedPacketException e) {
            lock.lock();
            try {
                malformed++;
            } finally {
                lock.unlock();
            }
            LOG.debug("malformed RTP packet: {}", e.getMessage());
            return;
        }
        Optional<ReceivedFrame> frame;
        lock.lock();
        try {
            if (ssrc.isEmpty()) {
                ssrc = OptionalLong.of(packet.ssrc());
            }
            if (packet.ssrc() != ssrc.getAsLong()
                    || (payloadType.isPresent() && packet.payloadType() != payloadType.getAsInt())) {
                foreign++;
                return;
            }
            long arrivalUnits = Math.round((now - originNanos) * (stats.clockRate() / 1e9));
            stats.packet(packet.sequenceNumber(), packet.timestamp(), arrivalUnits, length);
            frame = depayloader.push(packet);
            if (frame.isPresent()) {
                framesReceived++;
                if (firstTimestampSinceRestart.isEmpty()) {
                    firstTimestampSinceRestart = OptionalLong.of(frame.get().timestamp());
                }
            }
        } finally {
            lock.unlock();
        }
        lastPacketNanos = now;
        if (!anyPacket) {
            anyPacket = true;
            events.firstPacket();
        }
        frame.ifPresent(playout::offer);
    }

    /** One RTCP compound packet, just received. */
    void rtcp(byte[] bytes, int offset, int length) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.decodeCompound(bytes, offset, length);
        } catch (MalformedPacketException e) {
            LOG.debug("malformed RTCP packet: {}", e.getMessage());
            return;
        }
        for (RtcpPacket packet : packets) {
            switch (packet) {
                case RtcpPacket.SenderReport sr -> {
                    lock.lock();
                    try {
                        lastSrCompact = OptionalLong.of(sr.compactNtp());
                        lastSrNanos = System.nanoTime();
                        senderReports++;
                    } finally {
                        lock.unlock();
                    }
                }
                case RtcpPacket.Bye bye -> {
                    OptionalLong source = ssrc();
                    if (source.isEmpty() || bye.ssrcs().isEmpty() || bye.ssrcs().contains(source.getAsLong())) {
                        events.bye(bye.reason());
                    }
                }
                default -> { }
            }
        }
    }

    /** The report block on this stream for a receiver report, or empty before any packet. */
    Optional<RtcpPacket.ReportBlock> reportBlock() {
        lock.lock();
        try {
            if (ssrc.isEmpty() || !anyPacket) {
                return Optional.empty();
            }
            long delay = lastSrCompact.isPresent()
                    ? Math.round((System.nanoTime() - lastSrNanos) * 65_536 / 1e9) : 0;
            return Optional.of(stats.reportBlock(ssrc.getAsLong(), lastSrCompact, delay));
        } finally {
            lock.unlock();
        }
    }

    /** After PLAY or a seek: the next frame's timestamp is the new timeline's start. */
    void restart() {
        lock.lock();
        try {
            firstTimestampSinceRestart = OptionalLong.empty();
        } finally {
            lock.unlock();
        }
        playout.restart();
    }

    /** Timestamp of the first frame since the last {@link #restart()}. */
    OptionalLong firstTimestampSinceRestart() {
        lock.lock();
        try {
            return firstTimestampSinceRestart;
        } finally {
            lock.unlock();
        }
    }

    boolean anyPacket() {
        return anyPacket;
    }

    /** {@link System#nanoTime()} of the last packet of this stream. */
    long lastPacketNanos() {
        return lastPacketNanos;
    }

    OptionalLong ssrc() {
        lock.lock();
        try {
            return ssrc;
        } finally {
            lock.unlock();
        }
    }

    /** Counters of this receiver, read together. */
    Counts counts() {
        lock.lock();
        try {
            return new Counts(framesReceived, depayloader.framesDropped(), foreign, malformed, senderReports);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param framesReceived   frames the depayloader completed
     * @param framesIncomplete frames the depayloader dropped for missing or malformed packets
     * @param foreign          packets of another source or payload type, ignored
     * @param malformed        datagrams that were not RTP
     * @param senderReports    RTCP sender reports received
     */
    record Counts(long framesReceived, long framesIncomplete, long foreign, long malformed, long senderReports) {
    }
}
