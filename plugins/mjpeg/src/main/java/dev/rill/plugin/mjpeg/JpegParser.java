package dev.rill.plugin.mjpeg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads the marker structure of a JPEG (ITU-T T.81 Annex B): frame header, tables, restart
 * interval, scans. It does not decode the entropy-coded data; it only finds where each scan's data
 * ends (the first marker other than a stuffed 0xFF00 or an RSTn).
 *
 * <p>Every length field is checked against the buffer before it is used, and every loop advances
 * through the buffer, so malformed input ends in a {@link JpegFormatException}, never a hang.
 */
final class JpegParser {

    /** Most scans accepted in one image; a progressive JPEG usually has about ten. */
    static final int MAX_SCANS = 128;
    /** Most components in a frame: 4 (CMYK), the most a scan can interleave (T.81 B.2.3). */
    static final int MAX_COMPONENTS = 4;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int DHT = 0xC4;
    private static final int JPG = 0xC8;
    private static final int DAC = 0xCC;
    private static final int APP0 = 0xE0;
    private static final int APP14 = 0xEE;
    private static final int TEM = 0x01;

    private JpegParser() {
    }

    static JpegImage parse(byte[] jpeg) throws JpegFormatException {
        return parse(ByteBuffer.wrap(jpeg));
    }

    /** Parses the bytes from the buffer's position to its limit; the buffer itself is not moved. */
    static JpegImage parse(ByteBuffer jpeg) throws JpegFormatException {
        return new Run(jpeg.slice().asReadOnlyBuffer()).parse();
    }

    /** What a DHT slot (class, id) holds, for the RFC 2435 standard-tables check. */
    private enum HuffmanSlot { UNDEFINED, NON_STANDARD, LUMINANCE, CHROMINANCE }

    /** The state of one parse. */
    private static final class Run {
        private final ByteBuffer in;
        private final int limit;
        private int frameMarker = -1;
        private int precision;
        private int width;
        private int height;
        private final List<JpegImage.Component> components = new ArrayList<>();
        private final Map<Integer, JpegImage.QuantTable> quantTables = new HashMap<>();
        private final HuffmanSlot[] huffman = new HuffmanSlot[8];
        private int restartInterval;
        private boolean standardHuffman = true;
        private final List<JpegImage.Scan> scans = new ArrayList<>();
        private boolean jfif;
        private OptionalInt adobeTransform = OptionalInt.empty();

        Run(ByteBuffer in) {
            this.in = in;
            this.limit = in.limit();
            Arrays.fill(huffman, HuffmanSlot.UNDEFINED);
        }

        JpegImage parse() throws JpegFormatException {
            if (limit < 4 || u8(0) != 0xFF || u8(1) != SOI) {
                throw new JpegFormatException("not a JPEG: no SOI marker (FFD8) at offset 0");
            }
            int p = 2;
            while (true) {
                if (p >= limit) {
                    throw new JpegFormatException("JPEG ends without EOI marker (" + limit + " bytes)");
                }
                if (u8(p) != 0xFF) {
                    throw new JpegFormatException(String.format("expected a marker at offset %d, found 0x%02X", p, u8(p)));
                }
                while (p < limit && u8(p) == 0xFF) {
                    p++; // fill bytes (T.81 B.1.1.2) and the marker's own 0xFF
                }
                if (p >= limit) {
                    throw new JpegFormatException("JPEG ends inside a marker");
                }
                int marker = u8(p);
                int segment = p + 1; // first byte of the length field, for markers that have one
                if (marker == EOI) {
                    return finish();
                }
                if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
                    p = segment; // standalone markers without a length; harmless here
                    continue;
                }
                if (marker == SOI || marker == 0x00 || marker < 0xC0) {
                    throw new JpegFormatException(String.format("unexpected marker 0x%02X at offset %d", marker, p));
                }
                int length = segmentLength(segment, marker);
                int body = segment + 2;
                int end = segment + length;
                switch (marker) {
                    case DQT -> readQuantTables(body, end);
                    case DHT -> readHuffmanTables(body, end);
                    case DRI -> readRestartInterval(body, end);
                    case SOS -> end = readScan(body, end);
                    case DNL -> throw new JpegFormatException("DNL marker (height defined after the scan) not supported");
                    case APP0 -> jfif |= startsWith(body, end, "JFIF\0");
                    case APP14 -> readAdobe(body, end);
                    default -> {
                        if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != JPG && marker != DAC) {
                            readFrameHeader(marker, body, end);
                        }
                        // APPn, COM, DAC, JPGn and the like: skipped
                    }
                }
                p = end;
            }
        }

        private JpegImage finish() throws JpegFormatException {
            if (frameMarker < 0) {
                throw new JpegFormatException("JPEG has no frame header (SOFn)");
            }
            if (scans.isEmpty()) {
                throw new JpegFormatException("JPEG has no scan (SOS)");
            }
            boolean lossless = frameMarker == 0xC3 || frameMarker == 0xC7 || frameMarker == 0xCB || frameMarker == 0xCF;
            for (JpegImage.Component component : components) {
                if (!lossless && !quantTables.containsKey(component.quantTableId())) {
                    throw new JpegFormatException("component " + component.id() + " uses quantisation table "
                            + component.quantTableId() + ", which the JPEG does not define");
                }
            }
            return new JpegImage(in, frameMarker, precision, width, height, components, quantTables, restartInterval,
                    standardHuffman, scans, jfif, adobeTransform);
        }

        /** The segment length at {@code at} (it counts itself, not the marker), checked against the buffer. */
        private int segmentLength(int at, int marker) throws JpegFormatException {
            if (at + 2 > limit) {
                throw new JpegFormatException(String.format("JPEG ends inside the length of marker 0x%02X", marker));
            }
            int length = u16(at);
            if (length < 2 || at + length > limit) {
                throw new JpegFormatException(String.format("segment 0x%02X at offset %d has length %d, but %d bytes remain",
                        marker, at - 2, length, limit - at));
            }
            return length;
        }

        private void readFrameHeader(int marker, int body, int end) throws JpegFormatException {
            if (frameMarker >= 0) {
                throw new JpegFormatException(String.format("second frame header (0x%02X) at offset %d", marker, body - 4));
            }
            if (end - body < 6) {
                throw new JpegFormatException("frame header too short: " + (end - body) + " bytes");
            }
            frameMarker = marker;
            precision = u8(body);
            height = u16(body + 1);
            width = u16(body + 3);
            int count = u8(body + 5);
            if (width == 0 || height == 0) {
                throw new JpegFormatException("frame size " + width + "x" + height
                        + " not supported (height 0 means a DNL marker follows)");
            }
            if (count < 1 || count > MAX_COMPONENTS) {
                throw new JpegFormatException("frame has " + count + " components; 1.." + MAX_COMPONENTS + " supported");
            }
            if (end - body != 6 + 3 * count) {
                throw new JpegFormatException("frame header of " + count + " components has " + (end - body) + " bytes");
            }
            for (int i = 0; i < count; i++) {
                int at = body + 6 + 3 * i;
                int id = u8(at);
                int h = u8(at + 1) >> 4;
                int v = u8(at + 1) & 0x0F;
                int tq = u8(at + 2);
                if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                    throw new JpegFormatException("component " + id + " has sampling " + h + "x" + v + " and table " + tq);
                }
                for (JpegImage.Component other : components) {
                    if (other.id() == id) {
                        throw new JpegFormatException("component id " + id + " appears twice in the frame header");
                    }
                }
                components.add(new JpegImage.Component(id, h, v, tq));
            }
        }

        private void readQuantTables(int body, int end) throws JpegFormatException {
            int p = body;
            while (p < end) {
                int pq = u8(p) >> 4;
                int tq = u8(p) & 0x0F;
                if (pq > 1 || tq > 3) {
                    throw new JpegFormatException("quantisation table with precision " + pq + " and id " + tq);
                }
                int bytes = (pq + 1) * JpegTables.BLOCK_SIZE;
                if (p + 1 + bytes > end) {
                    throw new JpegFormatException("quantisation table " + tq + " overruns its DQT segment");
                }
                quantTables.put(tq, new JpegImage.QuantTable(tq, 8 * (pq + 1), in.slice(p + 1, bytes)));
                p += 1 + bytes;
            }
        }

        private void readHuffmanTables(int body, int end) throws JpegFormatException {
            int p = body;
            while (p < end) {
                int tc = u8(p) >> 4;
                int th = u8(p) & 0x0F;
                if (tc > 1 || th > 3) {
                    throw new JpegFormatException("Huffman table with class " + tc + " and id " + th);
                }
                if (p + 17 > end) {
                    throw new JpegFormatException("Huffman table overruns its DHT segment");
                }
                int symbols = 0;
                for (int i = 1; i <= 16; i++) {
                    symbols += u8(p + i);
                }
                if (symbols > 256 || p + 17 + symbols > end) {
                    throw new JpegFormatException("Huffman table of " + symbols + " symbols overruns its DHT segment");
                }
                HuffmanSlot slot = HuffmanSlot.NON_STANDARD;
                if (JpegTables.StandardHuffman.of(tc, true).matches(in, p + 1)) {
                    slot = HuffmanSlot.LUMINANCE;
                } else if (JpegTables.StandardHuffman.of(tc, false).matches(in, p + 1)) {
                    slot = HuffmanSlot.CHROMINANCE;
                }
                huffman[tc * 4 + th] = slot;
                p += 17 + symbols;
            }
        }

        private void readRestartInterval(int body, int end) throws JpegFormatException {
            if (end - body != 2) {
                throw new JpegFormatException("DRI segment must hold 2 bytes: " + (end - body));
            }
            restartInterval = u16(body);
        }

        private void readAdobe(int body, int end) {
            // "Adobe", version (2), flags0 (2), flags1 (2), transform (1)
            if (end - body >= 12 && startsWith(body, end, "Adobe")) {
                adobeTransform = OptionalInt.of(u8(body + 11));
            }
        }

        /** Reads an SOS header and the entropy-coded data after it; returns where the next marker starts. */
        private int readScan(int body, int end) throws JpegFormatException {
            if (frameMarker < 0) {
                throw new JpegFormatException("scan (SOS) before the frame header");
            }
            if (scans.size() == MAX_SCANS) {
                throw new JpegFormatException("more than " + MAX_SCANS + " scans");
            }
            int count = end - body >= 1 ? u8(body) : 0;
            if (count < 1 || count > MAX_COMPONENTS || end - body != 4 + 2 * count) {
                throw new JpegFormatException("scan header of " + count + " components has " + (end - body) + " bytes");
            }
            int spectralStart = u8(end - 3);
            int spectralEnd = u8(end - 2);
            List<Integer> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int id = u8(body + 1 + 2 * i);
                int tables = u8(body + 2 + 2 * i);
                int index = componentIndex(id);
                ids.add(id);
                boolean luminance = index == 0;
                if (spectralStart == 0) {
                    checkStandard(0, tables >> 4, luminance);
                }
                if (spectralEnd > 0) {
                    checkStandard(1, tables & 0x0F, luminance);
                }
            }
            int dataStart = end;
            int dataEnd = entropyCodedEnd(dataStart);
            scans.add(new JpegImage.Scan(ids, spectralStart, spectralEnd, u8(end - 1), dataStart, dataEnd - dataStart));
            return dataEnd;
        }

        private int componentIndex(int id) throws JpegFormatException {
            for (int i = 0; i < components.size(); i++) {
                if (components.get(i).id() == id) {
                    return i;
                }
            }
            throw new JpegFormatException("scan codes component " + id + ", which the frame does not have");
        }

        private void checkStandard(int tableClass, int id, boolean luminance) {
            if (id > 3) {
                standardHuffman = false;
                return;
            }
            HuffmanSlot slot = huffman[tableClass * 4 + id];
            if (slot == HuffmanSlot.UNDEFINED) {
                // Motion-JPEG streams may leave the tables out; decoders then use K.3 with id 0 luminance, 1 chrominance
                slot = id == 0 ? HuffmanSlot.LUMINANCE : id == 1 ? HuffmanSlot.CHROMINANCE : HuffmanSlot.NON_STANDARD;
            }
            if (slot != (luminance ? HuffmanSlot.LUMINANCE : HuffmanSlot.CHROMINANCE)) {
                standardHuffman = false;
            }
        }

        /**
         * The index of the 0xFF that starts the first marker after entropy-coded data beginning at
         * {@code from}. 0xFF00 is a stuffed data byte and RST0..7 belong to the scan (T.81 B.1.1.5).
         */
        private int entropyCodedEnd(int from) throws JpegFormatException {
            int p = from;
            while (p + 1 < limit) {
                if (u8(p) != 0xFF) {
                    p++;
                    continue;
                }
                int next = u8(p + 1);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    p += 2;
                } else if (next == 0xFF) {
                    int q = p + 1; // fill bytes before a marker: the scan ends at the first 0xFF
                    while (q < limit && u8(q) == 0xFF) {
                        q++;
                    }
                    if (q < limit && u8(q) == 0x00) {
                        throw new JpegFormatException("fill bytes before a stuffed zero at offset " + p);
                    }
                    if (q < limit && u8(q) >= 0xD0 && u8(q) <= 0xD7) {
                        p = q + 1;
                        continue;
                    }
                    return p;
                } else {
                    return p;
                }
            }
            throw new JpegFormatException("scan data starting at offset " + from + " is not ended by a marker");
        }

        private boolean startsWith(int at, int end, String ascii) {
            if (end - at < ascii.length()) {
                return false;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (u8(at + i) != ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int u8(int at) {
            return in.get(at) & 0xFF;
        }

        private int u16(int at) {
            return (u8(at) << 8) | u8(at + 1);
        }
    }
}
