package dev.rill.plugin.mjpeg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Byte-level reading and rewriting of test JPEGs, independent of {@link JpegParser}: finding
 * segments, the scan and the tables, and making variants ImageIO does not write.
 */
final class JpegTestBytes {

    private JpegTestBytes() {
    }

    /** The bytes from a buffer's position to its limit; the buffer is not moved. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** The entropy-coded data of an ImageIO JPEG: after the SOS segment, before the final EOI. */
    static byte[] scan(byte[] jpeg) {
        int sos = findMarker(jpeg, 0xDA);
        int start = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF));
        return Arrays.copyOfRange(jpeg, start, jpeg.length - 2);
    }

    /** The 8-bit quantisation table with id {@code id} from the DQT segments, zig-zag order. */
    static byte[] table(byte[] jpeg, int id) {
        int p = 2;
        while ((jpeg[p + 1] & 0xFF) != 0xDA) {
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if ((jpeg[p + 1] & 0xFF) == 0xDB) {
                for (int q = p + 4; q < p + 2 + length; q += 65) {
                    if (jpeg[q] == id) {
                        return Arrays.copyOfRange(jpeg, q + 1, q + 65);
                    }
                }
            }
            p += 2 + length;
        }
        throw new AssertionError("no table " + id);
    }

    /** The quantisation table id (Tq) of the SOF's component number {@code index} (0 for the first). */
    static int componentTable(byte[] jpeg, int index) {
        int sof = findMarker(jpeg, 0xC0);
        return jpeg[sof + 10 + 3 * index + 2];
    }

    /**
     * The JPEG with only quantisation table 0, used by every component, as ffmpeg writes a frame
     * whose luminance and chrominance tables are equal. Table 1 must equal table 0 for the
     * picture to stay the same.
     */
    static byte[] singleQuantTable(byte[] jpeg) {
        if (!Arrays.equals(table(jpeg, 0), table(jpeg, 1))) {
            throw new AssertionError("tables 0 and 1 differ: dropping table 1 would change the picture");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int p = 2;
        while (true) {
            int m = jpeg[p + 1] & 0xFF;
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (m == 0xDB) {
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                for (int q = p + 4; q < p + 2 + length; q += 65) {
                    if (jpeg[q] == 0) {
                        kept.write(jpeg, q, 65);
                    }
                }
                if (kept.size() > 0) {
                    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDB, 0, (byte) (kept.size() + 2)});
                    out.writeBytes(kept.toByteArray());
                }
            } else if (m == 0xC0) {
                byte[] sof = Arrays.copyOfRange(jpeg, p, p + 2 + length);
                for (int c = 0; c < (sof[9] & 0xFF); c++) {
                    sof[10 + 3 * c + 2] = 0;
                }
                out.writeBytes(sof);
            } else {
                out.write(jpeg, p, 2 + length);
            }
            p += 2 + length;
            if (m == 0xDA) {
                out.write(jpeg, p, jpeg.length - p);
                return out.toByteArray();
            }
        }
    }

    /** The JPEG with the size its SOF0 states changed (the data still codes the old size). */
    static byte[] withSize(byte[] jpeg, int width, int height) {
        int sof = findMarker(jpeg, 0xC0);
        if (sof < 0) {
            throw new AssertionError("no SOF0 before the scan");
        }
        byte[] out = jpeg.clone();
        out[sof + 5] = (byte) (height >> 8);
        out[sof + 6] = (byte) height;
        out[sof + 7] = (byte) (width >> 8);
        out[sof + 8] = (byte) width;
        return out;
    }

    /** Index of the first segment with {@code marker} up to and including the SOS, or -1. */
    static int findMarker(byte[] jpeg, int marker) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            int m = jpeg[p + 1] & 0xFF;
            if (m == marker) {
                return p;
            }
            if (m == 0xDA) {
                return -1;
            }
            p += 2 + ((jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF));
        }
        return -1;
    }

    /** The JPEG with every 8-bit quantisation table written as 16-bit and SOF0 turned into SOF1. */
    static byte[] sixteenBitTables(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int p = 2;
        while (true) {
            int m = jpeg[p + 1] & 0xFF;
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (m == 0xDB) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int q = p + 4; q < p + 2 + length; q += 65) {
                    body.write(0x10 | (jpeg[q] & 0x0F));
                    for (int i = 0; i < 64; i++) {
                        body.write(0);
                        body.write(jpeg[q + 1 + i]);
                    }
                }
                out.write(0xFF);
                out.write(0xDB);
                out.write((body.size() + 2) >> 8);
                out.write((body.size() + 2) & 0xFF);
                out.writeBytes(body.toByteArray());
            } else if (m == 0xC0) {
                out.write(0xFF);
                out.write(0xC1);
                out.write(jpeg, p + 2, length);
            } else {
                out.write(jpeg, p, 2 + length);
            }
            p += 2 + length;
            if (m == 0xDA) {
                out.write(jpeg, p, jpeg.length - p);
                return out.toByteArray();
            }
        }
    }

    /** The JPEG with its DQT segments merged into one segment holding every table. */
    static byte[] mergedQuantTables(byte[] jpeg) {
        ByteArrayOutputStream tables = new ByteArrayOutputStream();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        int p = 2;
        while (true) {
            int m = jpeg[p + 1] & 0xFF;
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (m == 0xDB) {
                tables.write(jpeg, p + 4, length - 2);
            } else {
                rest.write(jpeg, p, 2 + length);
            }
            p += 2 + length;
            if (m == 0xDA) {
                rest.write(jpeg, p, jpeg.length - p);
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xDB);
        out.write((tables.size() + 2) >> 8);
        out.write((tables.size() + 2) & 0xFF);
        out.writeBytes(tables.toByteArray());
        out.writeBytes(rest.toByteArray());
        return out.toByteArray();
    }

    /** The JPEG without the segments of one marker (before the scan), e.g. APP0 or DHT. */
    static byte[] without(byte[] jpeg, int marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int p = 2;
        while (true) {
            int m = jpeg[p + 1] & 0xFF;
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (m != marker) {
                out.write(jpeg, p, 2 + length);
            }
            p += 2 + length;
            if (m == 0xDA) {
                out.write(jpeg, p, jpeg.length - p);
                return out.toByteArray();
            }
        }
    }

    /**
     * The JPEG with a third quantisation table (id 2, table 1 halved) that Cr uses. The scan is
     * still decodable: tables only scale the coefficients.
     */
    static byte[] withThirdQuantTable(byte[] jpeg) {
        byte[] chroma = table(jpeg, 1);
        int sof = findMarker(jpeg, 0xC0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, sof);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDB, 0, 67, 2});
        for (byte value : chroma) {
            out.write(Math.max(1, (value & 0xFF) / 2));
        }
        byte[] rest = Arrays.copyOfRange(jpeg, sof, jpeg.length);
        rest[10 + 3 * 2 + 2] = 2; // Cr's Tq
        out.writeBytes(rest);
        return out.toByteArray();
    }

    /**
     * The JPEG with component ids 1, 2, 3 renumbered 0, 1, 2 in SOF and SOS and no JFIF segment:
     * how the course's original movie is written.
     */
    static byte[] classicStyle(byte[] jpeg) {
        byte[] out = without(jpeg, 0xE0);
        int sof = findMarker(out, 0xC0);
        int count = out[sof + 9] & 0xFF;
        for (int i = 0; i < count; i++) {
            out[sof + 10 + 3 * i]--;
        }
        int sos = findMarker(out, 0xDA);
        int scanCount = out[sos + 4] & 0xFF;
        for (int i = 0; i < scanCount; i++) {
            out[sos + 5 + 2 * i]--;
        }
        return out;
    }
}
