package dev.rill.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The status contract live sources report through, and what a source that does not report shows. */
class LiveStatusTest {

    @Test
    void aNegativeCounterIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LiveStatus(LiveStatus.State.LIVE, Optional.empty(), 1, 0, -5, 0));
        assertTrue(e.getMessage().contains("bytesIn -5"), e.getMessage());
    }

    @Test
    void aSourceThatDoesNotReportHasNoStatus() {
        LiveSource silent = new LiveSource() {
            public void start(FrameSink sink) {
            }

            public void stop() {
            }

            public String encoding() {
                return "JPEG";
            }

            public OptionalDouble nominalFrameRate() {
                return OptionalDouble.empty();
            }

            public String describe() {
                return "silent";
            }
        };
        assertEquals(Optional.empty(), silent.status());
    }

    @Test
    void aStoredMountHasNoLiveStatus() {
        LiveStatus status = new LiveStatus(LiveStatus.State.WAITING, Optional.empty(), 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class,
                () -> new MountInfo("/m", "mjpeg-file", MountInfo.Kind.STORED, Optional.of(status)));
    }
}
