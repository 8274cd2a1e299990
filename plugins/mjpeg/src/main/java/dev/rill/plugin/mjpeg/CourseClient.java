package dev.rill.plugin.mjpeg;

import dev.rill.spi.RtpPacket;

/**
 * The course's own players and the one limit that matters for a {@code .Mjpeg} file: each reads
 * a whole frame from one datagram into a fixed receive buffer, so a frame plus its 12-byte RTP
 * header (RFC 3550 §5.1) must fit that buffer or the picture arrives cut off.
 */
enum CourseClient {

    /** The lab's {@code Client.java}: {@code new byte[15000]} for each received datagram. */
    JAVA("course's Java client", 15_000),
    /** The lab's {@code Client.py}: {@code recv(20480)}. */
    PYTHON("course's Python client", 20_480);

    private final String label;
    private final int bufferBytes;

    CourseClient(String label, int bufferBytes) {
        this.label = label;
        this.bufferBytes = bufferBytes;
    }

    /** What reports call it, e.g. "course's Java client". */
    String label() {
        return label;
    }

    /** Bytes of the receive buffer, RTP header included. */
    int bufferBytes() {
        return bufferBytes;
    }

    /** The largest JPEG that fits: the buffer less the RTP header (14,988 for the Java client). */
    int maxFrameBytes() {
        return bufferBytes - RtpPacket.HEADER_LENGTH;
    }
}
