package dev.rill.plugin.mjpeg;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds JPEG frames from RFC 2435 packets of one stream, in arrival order. A frame is the
 * packets with one RTP timestamp; their fragment offsets must follow each other with no gap,
 * starting at 0, and the packet with the marker bit ends the frame. Then the data gets the headers
 * the main header implies ({@link Rfc2435Jfif}) and comes out as a complete JFIF stream.
 *
 * <p>A frame with a lost or malformed packet is dropped and counted once; later packets with its
 * timestamp are ignored, and so are stray packets of a frame already delivered. A new timestamp
 * before the marker drops the incomplete frame. Types 0, 1, 64 and 65 are understood; other types
 * drop the frame. Q below 128 uses the Appendix A tables (Q 0 and the reserved 100..127 taken as
 * 1 and 99, as ffmpeg does); Q 128..255 reads the tables from the first packet, and for Q 128..254
 * remembers them, since a sender may leave them out of later frames with the same Q (§3.1.8);
 * tables sent again for the same Q replace those remembered; a single 64-byte table (as ffmpeg
 * sends when its luminance and chrominance tables are equal) serves both. The payload type and SSRC are not checked: the
 * receiver that feeds this depayloader has already picked the stream. Never throws on packet
 * content.
 */
final class Rfc2435Depayloader implements Depayloader {

    private static final Logger LOG = LoggerFactory.getLogger(Rfc2435Depayloader.class);

    /** Largest frame data accepted: the reach of the 24-bit fragment offset plus one 64 KiB payload. */
    static final int MAX_FRAME_BYTES = Rfc2435Header.MAX_FRAGMENT_OFFSET + 1 + 65_536;
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private enum Phase { IDLE, ASSEMBLING, DISCARDING }

    private Phase phase = Phase.IDLE;
    private boolean started;
    /** RTP timestamp of the frame being assembled, discarded or last delivered. */
    private long timestamp;
    /** The header of the frame's first packet; valid while assembling. */
    private Rfc2435Header first;
    private Rfc2435QuantTables tables;
    private byte[] data = new byte[0];
    private int length;
    private long dropped;
    /** Tables seen for Q 128..254: at most 127 entries. */
    private final Map<Integer, Rfc2435QuantTables> tablesByQ = new HashMap<>();

    @Override
    public Optional<ReceivedFrame> push(RtpPacket packet) {
        if (!started || packet.timestamp() != timestamp) {
            if (phase == Phase.ASSEMBLING) {
                drop("timestamp changed to " + packet.timestamp() + " before the frame's last packet");
            }
            started = true;
            timestamp = packet.timestamp();
            phase = Phase.ASSEMBLING;
            length = 0;
        } else if (phase != Phase.ASSEMBLING) {
            return Optional.empty();
        }
        try {
            return accept(packet);
        } catch (MalformedPacketException e) {
            drop(e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public long framesDropped() {
        return dropped;
    }

    /** Bytes the frame buffer holds room for: at most {@link #MAX_FRAME_BYTES}. For tests. */
    int bufferCapacity() {
        return data.length;
    }

    private Optional<ReceivedFrame> accept(RtpPacket packet) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(packet.payload());
        Rfc2435Header header = Rfc2435Header.read(in);
        int baseType = header.type() & ~Rfc2435Header.TYPE_RESTART;
        if (header.type() >= 128 || (baseType != 0 && baseType != 1)) {
            throw new MalformedPacketException("RFC 2435 type " + header.type() + " not supported (0, 1, 64, 65 are)");
        }
        if (header.fragmentOffset() != length) {
            throw new MalformedPacketException("fragment at offset " + header.fragmentOffset() + " where "
                    + length + " was expected (packet lost or reordered)");
        }
        if (length == 0) {
            tables = quantTables(header, in);
            first = header;
        } else if (header.type() != first.type() || header.q() != first.q() || header.width() != first.width()
                || header.height() != first.height() || header.restartInterval() != first.restartInterval()) {
            throw new MalformedPacketException("header changed inside a frame: " + first + " then " + header);
        }
        append(in);
        if (!packet.marker()) {
            return Optional.empty();
        }
        phase = Phase.IDLE;
        byte[] jpeg = Rfc2435Jfif.build(first.type(), first.width(), first.height(), first.restartInterval(), tables,
                data, length);
        return Optional.of(new ReceivedFrame(timestamp, jpeg));
    }

    private Rfc2435QuantTables quantTables(Rfc2435Header header, ByteBuffer in) throws MalformedPacketException {
        int q = header.q();
        if (q < Rfc2435Header.Q_IN_BAND) {
            return Rfc2435QuantTables.forQ(q);
        }
        Optional<Rfc2435QuantTables> inBand = Rfc2435QuantTables.read(in);
        if (inBand.isPresent()) {
            if (q < Rfc2435Payloader.Q_DYNAMIC) {
                tablesByQ.put(q, inBand.get());
            }
            return inBand.get();
        }
        Rfc2435QuantTables known = q < Rfc2435Payloader.Q_DYNAMIC ? tablesByQ.get(q) : null;
        if (known == null) {
            throw new MalformedPacketException("no quantisation tables for Q " + q + " (length 0, none seen before)");
        }
        return known;
    }

    private void append(ByteBuffer in) throws MalformedPacketException {
        int n = in.remaining();
        if (n > MAX_FRAME_BYTES - length) {
            throw new MalformedPacketException("frame larger than " + MAX_FRAME_BYTES + " bytes");
        }
        if (length + n > data.length) {
            int capacity = Math.max(INITIAL_BUFFER_BYTES, Math.max(length + n, data.length * 2));
            data = Arrays.copyOf(data, Math.min(capacity, MAX_FRAME_BYTES));
        }
        in.get(data, length, n);
        length += n;
    }

    private void drop(String why) {
        dropped++;
        phase = Phase.DISCARDING;
        LOG.debug("RFC 2435 frame at timestamp {} dropped: {}", timestamp, why);
    }
}
