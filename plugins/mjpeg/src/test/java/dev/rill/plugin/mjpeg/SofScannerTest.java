package dev.rill.plugin.mjpeg;

import dev.rill.spi.VideoSize;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SofScannerTest {

    private static Optional<VideoSize> scan(String hex) {
        return SofScanner.videoSize(ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }

    // SOI, APP0 (length 4, 2 bytes of data), SOF0 (length 11: precision 8, height 0x00F0, width 0x0140, 1 component), EOI
    private static final String BASELINE_320X240 = "FFD8 FFE0 0004 AAAA FFC0 000B 08 00F0 0140 01 011100 FFD9";

    @Test
    void baselineSofGivesWidthAndHeight() {
        assertEquals(Optional.of(new VideoSize(320, 240)), scan(BASELINE_320X240));
    }

    @Test
    void progressiveSofGivesWidthAndHeight() {
        assertEquals(Optional.of(new VideoSize(384, 288)), scan("FFD8 FFC2 000B 08 0120 0180 01 011100 FFD9"));
    }

    @Test
    void extendedSofAfterFillBytesGivesWidthAndHeight() {
        assertEquals(Optional.of(new VideoSize(16, 8)), scan("FFD8 FFFF FFC1 000B 08 0008 0010 01 011100 FFD9"));
    }

    @Test
    void sosBeforeAnySofGivesNothing() {
        assertEquals(Optional.empty(), scan("FFD8 FFDA 0008 01 0100 003F00 FFC0 000B 08 00F0 0140 01 011100 FFD9"));
    }

    @Test
    void heightLeftToDnlGivesNothing() {
        assertEquals(Optional.empty(), scan("FFD8 FFC0 000B 08 0000 0140 01 011100 FFD9"));
    }

    @Test
    void segmentOverrunningTheDataGivesNothing() {
        assertEquals(Optional.empty(), scan("FFD8 FFE0 0100 AAAA"));
        assertEquals(Optional.empty(), scan("FFD8 FFC0 000B 08 00"));
    }

    @Test
    void dataWithoutSoiGivesNothing() {
        assertEquals(Optional.empty(), scan("FFC0 000B 08 00F0 0140 01 011100"));
        assertEquals(Optional.empty(), scan(""));
    }

    @Test
    void scanLeavesTheBufferPositionAlone() {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(BASELINE_320X240.replace(" ", "")));
        SofScanner.videoSize(b);
        assertEquals(0, b.position());
    }
}
