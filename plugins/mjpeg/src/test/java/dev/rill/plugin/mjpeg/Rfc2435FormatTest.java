package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
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

    @Test
    void aLiveSourcesReencodedFramesAreNotKeptAStoredSourcesAre() {
        MediaSource stored = new Named("file");
        LiveSource live = new LiveCamera();
        Frame fullChroma = new Frame(0, JpegTestImages.Spec.of(64, 48).sampling(1, 1).encode());

        Rfc2435Payloader forFile = (Rfc2435Payloader) new Rfc2435Format().payloader(stored, 1388);
        Rfc2435Payloader forCamera = (Rfc2435Payloader) new Rfc2435Format().payloader(live, 1388);
        assertFalse(forFile.payload(fullChroma).isEmpty());
        assertFalse(forCamera.payload(fullChroma).isEmpty());

        assertEquals(1, forFile.cachedFrames());
        assertEquals(0, forCamera.cachedFrames(), "a live frame comes once; a new publisher may reuse its number");
    }

    private static class Named implements MediaSource {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public OptionalDouble nominalFrameRate() {
            return OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return name;
        }
    }

    private static final class LiveCamera extends Named implements LiveSource {
        LiveCamera() {
            super("camera");
        }

        @Override
        public void start(FrameSink sink) {
        }

        @Override
        public void stop() {
        }
    }
}
