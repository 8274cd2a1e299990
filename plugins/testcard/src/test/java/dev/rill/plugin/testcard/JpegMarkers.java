package dev.rill.plugin.testcard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The marker segments of a JPEG (T.81 Annex B), for tests: each segment's marker and its
 * payload (after the two length bytes). Entropy-coded data after SOS is skipped up to the next
 * marker that is not a stuffed 0xFF00 or a restart marker.
 */
record JpegMarkers(List<Segment> segments) {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOF0 = 0xC0;
    static final int DHT = 0xC4;
    static final int DQT = 0xDB;
    static final int DRI = 0xDD;
    static final int SOS = 0xDA;

    record Segment(int marker, byte[] payload) {
        int u8(int offset) {
            return payload[offset] & 0xFF;
        }

        int u16(int offset) {
            return u8(offset) << 8 | u8(offset + 1);
        }
    }

    static JpegMarkers parse(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new IllegalArgumentException("no SOI");
        }
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(SOI, new byte[0]));
        int pos = 2;
        while (pos + 1 < jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("expected a marker at " + pos);
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;   // fill byte
                continue;
            }
            if (marker == EOI) {
                segments.add(new Segment(EOI, new byte[0]));
                return new JpegMarkers(List.copyOf(segments));
            }
            int length = (jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF);
            segments.add(new Segment(marker, Arrays.copyOfRange(jpeg, pos + 4, pos + 2 + length)));
            pos += 2 + length;
            if (marker == SOS) {
                pos = endOfScan(jpeg, pos);
            }
        }
        throw new IllegalArgumentException("no EOI");
    }

    private static int endOfScan(byte[] jpeg, int pos) {
        while (pos + 1 < jpeg.length) {
            if ((jpeg[pos] & 0xFF) == 0xFF) {
                int next = jpeg[pos + 1] & 0xFF;
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                    return pos;
                }
            }
            pos++;
        }
        return pos;
    }

    List<Segment> all(int marker) {
        return segments.stream().filter(s -> s.marker() == marker).toList();
    }

    /** True when any SOFn other than SOF0 (baseline) is present. */
    boolean hasNonBaselineFrame() {
        return segments.stream().anyMatch(s -> s.marker() >= 0xC1 && s.marker() <= 0xCF
                && s.marker() != DHT && s.marker() != 0xC8 && s.marker() != 0xCC);
    }
}
