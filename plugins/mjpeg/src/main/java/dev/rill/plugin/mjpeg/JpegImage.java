package dev.rill.plugin.mjpeg;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link JpegParser} found in one JPEG (ITU-T T.81 Annex B syntax). Holds a read-only view of
 * the parsed bytes, not a copy: tables and scans are offsets into it.
 *
 * @param bytes                 the whole JPEG, SOI to EOI, read-only, from index 0
 * @param frameMarker           the SOFn marker's second byte: 0xC0 baseline, 0xC1 extended
 *                              sequential, 0xC2 progressive, ... (T.81 table B.1)
 * @param samplePrecision       bits per sample (8, or 12 for extended/progressive)
 * @param width                 samples per line (pixels)
 * @param height                lines (pixels); 0 (height given later by DNL) is refused by the parser
 * @param components            the frame's components in SOF order
 * @param quantTables           quantisation tables by id 0..3, as last defined before the end
 * @param restartInterval       MCUs between restart markers (DRI); 0 for none
 * @param standardHuffmanTables true when every scan codes its first frame component with the
 *                              luminance tables of T.81 K.3 and the others with the chrominance
 *                              tables, which is what RFC 2435 receivers assume; a table the stream
 *                              never defines counts as the standard one (the Motion-JPEG convention)
 * @param scans                 the scans in stream order (one for a sequential frame)
 * @param jfif                  true when a JFIF APP0 segment is present (colour space YCbCr)
 * @param adobeTransform        the colour transform byte of an Adobe APP14 segment, if present
 *                              (0: none, RGB or CMYK; 1: YCbCr; 2: YCCK)
 */
record JpegImage(ByteBuffer bytes, int frameMarker, int samplePrecision, int width, int height,
                 List<Component> components, Map<Integer, QuantTable> quantTables, int restartInterval,
                 boolean standardHuffmanTables, List<Scan> scans, boolean jfif, OptionalInt adobeTransform) {

    /** SOF0: baseline sequential DCT, Huffman coding. */
    static final int SOF_BASELINE = 0xC0;
    /** SOF1: extended sequential DCT, Huffman coding. */
    static final int SOF_EXTENDED = 0xC1;
    /** SOF2: progressive DCT, Huffman coding. */
    static final int SOF_PROGRESSIVE = 0xC2;

    JpegImage {
        Objects.requireNonNull(bytes, "bytes");
        if (!bytes.isReadOnly() || bytes.position() != 0) {
            throw new IllegalArgumentException("bytes must be a read-only buffer at position 0");
        }
        components = List.copyOf(components);
        quantTables = Map.copyOf(quantTables);
        scans = List.copyOf(scans);
        Objects.requireNonNull(adobeTransform, "adobeTransform");
        if (scans.isEmpty()) {
            throw new IllegalArgumentException("a JPEG has at least one scan");
        }
    }

    /**
     * One frame component (T.81 B.2.2).
     *
     * @param id                 the component identifier C
     * @param horizontalSampling H, 1..4
     * @param verticalSampling   V, 1..4
     * @param quantTableId       Tq, 0..3
     */
    record Component(int id, int horizontalSampling, int verticalSampling, int quantTableId) {
    }

    /**
     * One quantisation table (T.81 B.2.4.1).
     *
     * @param id        Tq, 0..3
     * @param precision bits per value: 8 or 16
     * @param values    the 64 values in zig-zag order exactly as in the DQT segment (64 or 128
     *                  bytes, big-endian when 16-bit), read-only, from index 0
     */
    record QuantTable(int id, int precision, ByteBuffer values) {
        QuantTable {
            if (precision != 8 && precision != 16) {
                throw new IllegalArgumentException("quantisation table precision must be 8 or 16: " + precision);
            }
            if (values.limit() != precision * JpegTables.BLOCK_SIZE / 8) {
                throw new IllegalArgumentException("quantisation table needs " + precision * 8 + " bytes: " + values.limit());
            }
        }

        /** The value at zig-zag position {@code index} (0..63). */
        int value(int index) {
            if (precision == 8) {
                return values.get(index) & 0xFF;
            }
            return values.getShort(2 * index) & 0xFFFF;
        }
    }

    /**
     * One scan (T.81 B.2.3) and where its entropy-coded data lies in {@link #bytes()}.
     *
     * @param componentIds  the component identifiers the scan codes, in scan order
     * @param spectralStart Ss, 0..63
     * @param spectralEnd   Se, 0..63
     * @param approximation the Ah/Al byte (successive approximation; 0 for sequential)
     * @param offset        index of the first entropy-coded byte (just after the SOS segment)
     * @param length        bytes of entropy-coded data, stuffing and RSTn markers included, up to
     *                      (not including) the next marker
     */
    record Scan(List<Integer> componentIds, int spectralStart, int spectralEnd, int approximation, int offset,
                int length) {
        Scan {
            componentIds = List.copyOf(componentIds);
        }
    }

    /** True for Huffman-coded sequential DCT (SOF0, SOF1): one scan can hold the whole picture. */
    boolean sequential() {
        return frameMarker == SOF_BASELINE || frameMarker == SOF_EXTENDED;
    }

    /** A name for the coding process, for log messages. */
    String process() {
        return switch (frameMarker) {
            case SOF_BASELINE -> "baseline";
            case SOF_EXTENDED -> "extended sequential";
            case SOF_PROGRESSIVE -> "progressive";
            case 0xC3 -> "lossless";
            case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF -> "hierarchical";
            default -> "arithmetic-coded";
        };
    }

    /** The first (for a sequential frame, the only) scan. */
    Scan firstScan() {
        return scans.getFirst();
    }

    /** A read-only view of the first scan's entropy-coded data, from index 0. */
    ByteBuffer scanData() {
        Scan scan = firstScan();
        return bytes.slice(scan.offset(), scan.length());
    }

    Optional<QuantTable> quantTable(int id) {
        return Optional.ofNullable(quantTables.get(id));
    }

    /**
     * The chroma subsampling in the usual J:a:b notation for three components sampled like
     * YCbCr ("4:2:0", "4:4:4", ...), otherwise the sampling factors as "HxV" per component.
     */
    String chromaSubsampling() {
        if (components.size() == 3
                && components.get(1).horizontalSampling() == 1 && components.get(1).verticalSampling() == 1
                && components.get(2).horizontalSampling() == 1 && components.get(2).verticalSampling() == 1) {
            Component luma = components.getFirst();
            String known = switch (luma.horizontalSampling() * 10 + luma.verticalSampling()) {
                case 11 -> "4:4:4";
                case 21 -> "4:2:2";
                case 22 -> "4:2:0";
                case 12 -> "4:4:0";
                case 41 -> "4:1:1";
                default -> "";
            };
            if (!known.isEmpty()) {
                return known;
            }
        }
        StringBuilder out = new StringBuilder();
        for (Component component : components) {
            out.append(out.isEmpty() ? "" : ",").append(component.horizontalSampling()).append('x')
                    .append(component.verticalSampling());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "JpegImage[" + width + "x" + height + " " + process() + " " + components.size() + " components "
                + chromaSubsampling() + ", " + scans.size() + " scan(s), restart interval " + restartInterval + "]";
    }
}
