package dev.rill.plugin.mjpeg;

import dev.rill.spi.MediaSource;
import dev.rill.spi.Frame;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class Rfc2435FormatTest {

    @Test
    void formatIsStaticPayloadType26At90kHz() {
        Rfc2435Format format = new Rfc2435Format();

        assertEquals("JPEG", format.name());
        assertEquals("JPEG", format.encoding());
        assertEquals(26, format.payloadType());
        assertEquals(90_000, format.clockRate());
        assertInstanceOf(Rfc2435Depayloader.class, format.depayloader());
    }

    @Test
    void payloaderIsMadeForTheSourceAndPacketSize() {
        MediaSource source = new MediaSource() {
            @Override
            public String encoding() {
                return "JPEG";
            }

            @Override
            public OptionalDouble nominalFrameRate() {
                return OptionalDouble.of(25);
            }

            @Override
            public String describe() {
                return "test source";
            }
        };

        assertFalse(new Rfc2435Format().payloader(source, 1388)
                .payload(new Frame(0, JpegTestImages.Spec.of(64, 48).encode())).isEmpty());
    }
}
