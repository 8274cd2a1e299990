package dev.rill.plugin.mjpeg;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;

/**
 * The course's own way of carrying JPEG over RTP: one whole JPEG, byte for byte as stored in the
 * {@code .Mjpeg} file, as the payload of one datagram behind a plain 12-byte RTP header, with
 * payload type 26 but none of RFC 2435's main header, a millisecond clock and the marker bit
 * never set. The course's client reads each datagram as a complete picture.
 *
 * <p>Not RFC 2435: standard players cannot decode it; it exists for the classic dialect.
 */
public final class ClassicJpegFormat implements RtpPayloadFormat {

    /** The name sessions choose this format by. */
    public static final String NAME = "JPEG-classic";
    /** The course's server stamps packets with milliseconds since the start. */
    public static final int CLOCK_RATE = 1000;
    /**
     * Largest payload: a UDP datagram over IPv4 carries at most 65,507 bytes
     * (65,535 - 20 IP - 8 UDP header bytes), less the 12-byte RTP header.
     */
    public static final int MAX_PAYLOAD_BYTES = 65_507 - RtpPacket.HEADER_LENGTH;

    public ClassicJpegFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String encoding() {
        return MjpegFileSource.ENCODING;
    }

    @Override
    public int payloadType() {
        return RtpPacket.PAYLOAD_TYPE_JPEG;
    }

    @Override
    public int clockRate() {
        return CLOCK_RATE;
    }

    /**
     * A payloader that sends each frame whole; {@code maxPayloadSize} is ignored, since the
     * classic client expects a whole picture per datagram: the only limit is the datagram's,
     * {@link #MAX_PAYLOAD_BYTES}.
     */
    @Override
    public Payloader payloader(MediaSource source, int maxPayloadSize) {
        return new ClassicPayloader(source.describe(), MAX_PAYLOAD_BYTES);
    }

    @Override
    public Depayloader depayloader() {
        return new ClassicDepayloader();
    }
}
