package dev.rill.plugin.rtsppull;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.wire.RtcpPacket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream session's packets: RTP of the described payload type through the depayloader to
 * the {@link FrameDelivery}, counted for receiver reports; sender reports noted for them. RTP
 * comes from one thread, RTCP from one (perhaps another).
 */
final class StreamReceiver implements UpstreamSession.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReceiver.class);

    private final int payloadType;
    private final Depayloader depayloader;
    private final FrameDelivery delivery;
    private final ReceptionStats stats;
    private final long stream;
    private volatile long lastRtpNanos;
    private volatile boolean delivered;
    private long droppedBefore;

    StreamReceiver(int payloadType, Depayloader depayloader, FrameDelivery delivery, ReceptionStats stats) {
        this.payloadType = payloadType;
        this.depayloader = depayloader;
        this.delivery = delivery;
        this.stats = stats;
        this.stream = delivery.newStream();
    }

    @Override
    public void rtp(byte[] bytes, int offset, int length) {
        long now = System.nanoTime();
        delivery.bytesIn.addAndGet(length);
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(bytes, offset, length);
        } catch (MalformedPacketException e) {
            delivery.packetsDropped.incrementAndGet();
            return;
        }
        if (packet.payloadType() != payloadType) {
            delivery.packetsDropped.incrementAndGet();
            return;
        }
        lastRtpNanos = now == 0 ? 1 : now;
        stats.packet(packet.sequenceNumber(), packet.timestamp(), packet.ssrc(), now);
        Optional<ReceivedFrame> frame;
        try {
            frame = depayloader.push(packet);
        } catch (RuntimeException e) {
            delivery.packetsDropped.incrementAndGet(); // a packet the depayloader chokes on must not end the stream
            LOG.debug("depayloader refused {}: {}", packet, e.toString());
            return;
        }
        long dropped = depayloader.framesDropped();
        delivery.framesDropped.addAndGet(dropped - droppedBefore);
        droppedBefore = dropped;
        if (frame.isPresent()) {
            delivered = true;
            delivery.deliver(stream, frame.get(), now);
        }
    }

    @Override
    public void rtcp(byte[] bytes, int offset, int length) {
        try {
            for (RtcpPacket p : RtcpPacket.decodeCompound(bytes, offset, length)) {
                if (p instanceof RtcpPacket.SenderReport sr) {
                    stats.senderReport(sr.compactNtp(), System.nanoTime());
                }
            }
        } catch (MalformedPacketException | RuntimeException e) {
            LOG.debug("malformed RTCP dropped: {}", e.toString());
        }
    }

    /** When the last RTP packet of the payload type came ({@code System.nanoTime()}); 0 before the first. */
    long lastRtpNanos() {
        return lastRtpNanos;
    }

    /** Whether a frame has been rebuilt. */
    boolean delivered() {
        return delivered;
    }

    /** The receiver report to send now. */
    byte[] report(long nowNanos) {
        return stats.report(nowNanos);
    }

    /** Delivers no more. */
    void end() {
        delivery.endStream(stream);
    }
}
