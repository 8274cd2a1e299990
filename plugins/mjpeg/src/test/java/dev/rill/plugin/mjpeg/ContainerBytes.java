package dev.rill.plugin.mjpeg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Test data: fake JPEGs and .Mjpeg containers built from them (the course's clips: {@link LabClips}). */
final class ContainerBytes {

    private ContainerBytes() {
    }

    /** {@code size} bytes running from SOI to EOI with a recognisable filler between. */
    static byte[] jpeg(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 2; i < size - 2; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[size - 2] = (byte) 0xFF;
        b[size - 1] = (byte) 0xD9;
        return b;
    }

    /** Each frame behind its 5-digit length field. */
    static byte[] container(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(String.format(Locale.ROOT, "%05d", frame.length).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] withByte(byte[] data, int at, int value) {
        byte[] copy = Arrays.copyOf(data, data.length);
        copy[at] = (byte) value;
        return copy;
    }
}
