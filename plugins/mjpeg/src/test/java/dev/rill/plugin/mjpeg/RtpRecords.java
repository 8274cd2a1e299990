package dev.rill.plugin.mjpeg;

import dev.rill.spi.RtpPacket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte layout the RTP depayloader fuzz targets read: a sequence of records, each a flags byte
 * (bit 0 marker, bits 1..2 timestamp step 0..3 frames of 3000 ticks, bit 3 a sequence number
 * gap), a 16-bit big-endian payload length and the payload (cut short at the end of the input).
 * Plain bytes rather than a {@code FuzzedDataProvider}, so that seeds can be real payloads written
 * by {@link Rfc2435Payloader} and the fuzzer mutates their header fields in place.
 */
final class RtpRecords {

    /** Most packets one input makes: a bound on the work of one run. */
    static final int MAX_PACKETS = 4096;
    static final int TICKS_PER_FRAME = 3000;

    private RtpRecords() {
    }

    static List<RtpPacket> read(byte[] input) {
        List<RtpPacket> packets = new ArrayList<>();
        int p = 0;
        int sequence = 0;
        long timestamp = 90_000;
        while (p + 3 <= input.length && packets.size() < MAX_PACKETS) {
            int flags = input[p] & 0xFF;
            int length = (input[p + 1] & 0xFF) << 8 | (input[p + 2] & 0xFF);
            p += 3;
            int end = Math.min(input.length, p + length);
            timestamp = (timestamp + (long) ((flags >> 1) & 3) * TICKS_PER_FRAME) & 0xFFFF_FFFFL;
            sequence = (sequence + ((flags & 8) != 0 ? 2 : 1)) & 0xFFFF;
            packets.add(new RtpPacket((flags & 1) != 0, RtpPacket.PAYLOAD_TYPE_JPEG, sequence, timestamp, 0x1234,
                    Arrays.copyOfRange(input, p, end)));
            p = end;
        }
        return packets;
    }

    /** Appends one record: {@code step} frames later than the record before it (0..3). */
    static void write(ByteArrayOutputStream out, byte[] payload, boolean marker, int step) {
        if (payload.length > 0xFFFF || step < 0 || step > 3) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes, step " + step);
        }
        out.write((marker ? 1 : 0) | step << 1);
        out.write(payload.length >> 8);
        out.write(payload.length);
        out.writeBytes(payload);
    }
}
