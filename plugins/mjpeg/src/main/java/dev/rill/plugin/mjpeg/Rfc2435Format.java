package dev.rill.plugin.mjpeg;

import dev.rill.spi.Depayloader;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;

/**
 * RFC 2435, "RTP Payload Format for JPEG-compressed Video": static payload type 26 (RFC 3551),
 * 90 kHz clock, encoding name {@code JPEG}. The standard way to carry Motion-JPEG, understood by
 * ffmpeg, GStreamer and VLC. Found with {@link java.util.ServiceLoader}.
 */
public final class Rfc2435Format implements RtpPayloadFormat {

    /** The encoding name, also this format's key. */
    public static final String ENCODING = "JPEG";
    /** RTP timestamp clock rate for video, Hz (RFC 3551 §5). */
    public static final int CLOCK_RATE = 90_000;

    public Rfc2435Format() {
    }

    @Override
    public String name() {
        return ENCODING;
    }

    @Override
    public String encoding() {
        return ENCODING;
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
     * A live source's frames come once each and the server prepares each once for every viewer,
     * so its payloader keeps no re-encoded frames (whose frame numbers a new publisher may reuse).
     */
    @Override
    public Payloader payloader(MediaSource source, int maxPayloadSize) {
        return new Rfc2435Payloader(source.describe(), maxPayloadSize, !(source instanceof LiveSource));
    }

    @Override
    public Depayloader depayloader() {
        return new Rfc2435Depayloader();
    }
}
