package dev.rill.plugin.mjpeg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * RTP packets from the network into {@link Rfc2435Depayloader}: it never throws, its buffer stays
 * within {@link Rfc2435Depayloader#MAX_FRAME_BYTES}, and every frame it hands on is a JFIF stream
 * whose headers {@link JpegParser} accepts as RFC 2435-carriable, with the packets' data as its
 * scan whenever that data holds no stray marker. Seeds: {@link FuzzSeedWriter}.
 */
class Rfc2435DepayloaderFuzzTest {

    /** Bytes the rebuilt headers add to a frame's data: SOI, APP0, DQT, SOF, DHT, DRI, SOS, EOI are ~740. */
    static final int MAX_HEADER_BYTES = 1024;

    /** Packets in the {@link RtpRecords} layout: seeds are real payloader output. */
    @FuzzTest
    void packets(byte[] input) {
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();
        for (RtpPacket packet : RtpRecords.read(input)) {
            depayloader.push(packet).ifPresent(frame -> checkFrame(frame, input.length));
            assertTrue(depayloader.bufferCapacity() <= Rfc2435Depayloader.MAX_FRAME_BYTES);
        }
    }

    /**
     * Packets built field by field: mostly consistent fragment offsets (so frames complete), with
     * types, Q, sizes, restart headers and quantisation table headers (precision, length) chosen by
     * the fuzzer.
     */
    @FuzzTest
    void fields(FuzzedDataProvider data) {
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();
        long timestamp = 0;
        int offset = 0;
        int budget = 0;
        for (int i = 0; i < 64 && data.remainingBytes() > 0; i++) {
            if (data.consumeBoolean()) {
                timestamp = (timestamp + data.consumeInt(1, 3) * RtpRecords.TICKS_PER_FRAME) & 0xFFFF_FFFFL;
                offset = 0;
            }
            int type = data.pickValue(new int[] {0, 1, 64, 65, data.consumeInt(0, 255)});
            int q = data.pickValue(new int[] {0, 50, 99, 100, 128, 200, 255, data.consumeInt(0, 255)});
            ByteBuffer payload = ByteBuffer.allocate(65_536);
            int fragmentOffset = data.consumeBoolean() ? offset : data.consumeInt(0, Rfc2435Header.MAX_FRAGMENT_OFFSET);
            payload.putInt(data.consumeInt(0, 255) << 24 | fragmentOffset);
            payload.put((byte) type).put((byte) q).put(data.consumeByte()).put(data.consumeByte());
            if (Rfc2435Header.restartHeader(type)) {
                payload.putShort(data.consumeShort()).putShort(data.consumeShort());
            }
            if (fragmentOffset == 0 && q >= 128 && data.consumeBoolean()) {
                int precision = data.consumeInt(0, 255);
                int length = data.pickValue(new int[] {0, 64, 128, 192, 256, data.consumeInt(0, 0xFFFF)});
                payload.put((byte) 0).put((byte) precision).putShort((short) length);
                byte[] tables = data.consumeBytes(Math.min(length, 512));
                payload.put(tables);
            }
            byte[] bytes = data.consumeBytes(Math.min(payload.remaining(), data.consumeInt(0, 2048)));
            payload.put(bytes);
            offset += bytes.length;
            budget += payload.position();
            RtpPacket packet = new RtpPacket(data.consumeBoolean(), RtpPacket.PAYLOAD_TYPE_JPEG, i, timestamp, 1,
                    Arrays.copyOf(payload.array(), payload.position()));
            Optional<ReceivedFrame> frame = depayloader.push(packet);
            if (frame.isPresent()) {
                checkFrame(frame.get(), budget);
            }
        }
    }

    /** What every frame out of the depayloader must be; {@code inputBytes} bounds its data. */
    static void checkFrame(ReceivedFrame frame, int inputBytes) {
        byte[] jpeg = frame.data();
        assertTrue(jpeg.length <= inputBytes + MAX_HEADER_BYTES, () -> "frame of " + jpeg.length
                + " bytes from " + inputBytes + " bytes of packets");
        int scanStart = scanStart(jpeg);
        int scanEnd = jpeg.length - 2;
        assertEquals(0xFF, jpeg[scanEnd] & 0xFF);
        assertEquals(0xD9, jpeg[scanEnd + 1] & 0xFF);
        if (!withoutStrayMarkers(jpeg, scanStart, scanEnd)) {
            return;   // the sender's data is passed on as it came: a decoder copes with corrupt data
        }
        JpegImage image;
        try {
            image = JpegParser.parse(jpeg);
        } catch (JpegFormatException e) {
            fail("the depayloader built a JPEG its own parser refuses: " + e.getMessage());
            return;
        }
        assertEquals(scanStart, image.firstScan().offset());
        assertEquals(scanEnd - scanStart, image.firstScan().length());
        boolean sixteenBit = image.quantTables().values().stream().anyMatch(t -> t.precision() != 8);
        Optional<String> whyNot = Rfc2435Constraints.whyNot(image);
        assertTrue(whyNot.isEmpty() || sixteenBit, () -> "rebuilt frame not RFC 2435-carriable: " + whyNot.get());
    }

    /** Where the scan data starts in a JPEG the depayloader built: after the SOS segment. */
    private static int scanStart(byte[] jpeg) {
        assertEquals(0xFFD8, (jpeg[0] & 0xFF) << 8 | (jpeg[1] & 0xFF));
        int p = 2;
        while (true) {
            assertEquals(0xFF, jpeg[p] & 0xFF, "marker expected in the rebuilt headers at " + p);
            int marker = jpeg[p + 1] & 0xFF;
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            p += 2 + length;
            if (marker == 0xDA) {
                return p;
            }
        }
    }

    /** True when every 0xFF in {@code jpeg[from, to)} is a stuffed 0xFF00 or an RSTn. */
    private static boolean withoutStrayMarkers(byte[] jpeg, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF) {
                int next = i + 1 < to ? jpeg[i + 1] & 0xFF : -1;
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
