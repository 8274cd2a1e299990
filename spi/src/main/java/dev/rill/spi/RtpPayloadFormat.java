package dev.rill.spi;

/**
 * An RTP payload format: how frames of one encoding become RTP payloads and back. Found with
 * {@link java.util.ServiceLoader}; keyed by {@link #name()}.
 */
public interface RtpPayloadFormat {

    /**
     * The key sources and sessions choose the format by: the encoding name for a standard format
     * ({@code "JPEG"}, RFC 2435), or another name for a non-standard one.
     */
    String name();

    /** The encoding name for SDP's {@code a=rtpmap}, e.g. {@code "JPEG"}. */
    String encoding();

    /** The RTP payload type: static (JPEG: 26, RFC 3551) or dynamic (96..127). */
    int payloadType();

    /** The RTP timestamp clock rate in Hz (90,000 for video). */
    int clockRate();

    /**
     * A payloader for one source's frames. Called once per source and format; the payloader may
     * keep per-source state (what it logged, what it re-encoded).
     *
     * @param source         the frames' source, for logs and for what it says of its frames
     * @param maxPayloadSize the most bytes one packet's payload may have (packet size less the
     *                       12-byte RTP header)
     */
    Payloader payloader(MediaSource source, int maxPayloadSize);

    /** A new depayloader, one per received stream. */
    Depayloader depayloader();
}
