package dev.rill.plugin.httpmjpeg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Stand-in JPEGs: SOI, an SOF0 of 320x240, bytes that look like a delimiter but are not, EOI. */
final class TestJpegs {

    private TestJpegs() {
    }

    /** Frame {@code index}, {@code length} bytes long (at least 40). */
    static byte[] jpeg(int index, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        // SOF0: length 17, precision 8, height 240, width 320, 3 components
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0, (byte) 240, 1, 64, 3,
            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        out.writeBytes(("\r\n--fram\n--frame-not\r\nframeX" + index).getBytes(StandardCharsets.ISO_8859_1));
        int i = 0;
        while (out.size() < length - 2) {
            out.write((index * 31 + i++) & 0x7F);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }
}
