package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Depayloader;
import dev.rill.spi.RtpPacket;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void serviceLoaderFindsBothJpegFormats() {
        Formats formats = Formats.installed();
        assertTrue(formats.named(Formats.JPEG).isPresent());
        assertTrue(formats.named(Formats.JPEG_CLASSIC).isPresent());
    }

    @Test
    void anEncodingThePlayerCannotDecodeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Formats.installed().forEncoding("H264"));
        assertTrue(e.getMessage().contains("H264"), e.getMessage());
    }

    @Test
    void sniffingTakesAWholeJpegPayloadForTheClassicFormat() throws IOException {
        byte[] jpeg = TestClips.frames(1, 32, 16).get(0);
        Depayloader d = Formats.installed().sniffing();
        byte[] got = d.push(new RtpPacket(false, 26, 1, 0, 1, jpeg)).orElseThrow().data();
        assertEquals(jpeg.length, got.length);
    }
}
