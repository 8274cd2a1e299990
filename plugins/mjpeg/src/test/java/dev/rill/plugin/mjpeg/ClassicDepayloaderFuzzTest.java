package dev.rill.plugin.mjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Classic (course) packets into {@link ClassicDepayloader}: a frame comes out exactly when the
 * payload runs SOI to EOI, byte for byte, and is counted as dropped otherwise. Seeds: {@link FuzzSeedWriter}.
 */
class ClassicDepayloaderFuzzTest {

    @FuzzTest
    void packets(byte[] input) {
        ClassicDepayloader depayloader = new ClassicDepayloader();
        long delivered = 0;
        for (RtpPacket packet : RtpRecords.read(input)) {
            Optional<ReceivedFrame> frame = depayloader.push(packet);
            byte[] p = packet.payload();
            boolean whole = p.length >= MjpegIndex.MIN_FRAME_BYTES && (p[0] & 0xFF) == 0xFF && (p[1] & 0xFF) == 0xD8
                    && (p[p.length - 2] & 0xFF) == 0xFF && (p[p.length - 1] & 0xFF) == 0xD9;
            assertEquals(whole, frame.isPresent());
            if (frame.isPresent()) {
                delivered++;
                assertArrayEquals(p, frame.get().data());
                assertEquals(packet.timestamp(), frame.get().timestamp());
            }
        }
        assertTrue(depayloader.framesDropped() + delivered <= RtpRecords.MAX_PACKETS);
    }
}
