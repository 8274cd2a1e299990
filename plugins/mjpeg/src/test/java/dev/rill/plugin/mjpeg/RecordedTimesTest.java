package dev.rill.plugin.mjpeg;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.SourceContext;
import dev.rill.spi.StoredSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording's sidecar of frame times drives a stored clip's timing; without one the clip plays at its rate. */
class RecordedTimesTest {

    private static final long MS = 1_000_000;

    @TempDir
    Path dir;

    private StoredSource open(String times) throws IOException {
        Path clip = dir.resolve("door-2026-12-02T10-00-00Z.Mjpeg");
        Files.write(clip, container(jpeg(10, 1), jpeg(10, 2), jpeg(10, 3), jpeg(10, 4)));
        if (times != null) {
            Files.writeString(RecordedTimes.sidecarOf(clip), times);
        }
        return (StoredSource) new MjpegFileProvider().openFile(clip, new SourceContext(dir, 20));
    }

    @Test
    void framesPlayAtTheRecordedTimes() throws IOException {
        try (StoredSource source = open("# comment\n0\n100000000\n130000000\n400000000\n")) {
            assertEquals(0, source.timeOf(0));
            assertEquals(100 * MS, source.timeOf(1));
            assertEquals(130 * MS, source.timeOf(2));
            assertEquals(400 * MS, source.timeOf(3));
            assertEquals(400 * MS, source.frame(3).orElseThrow().timeNanos());
            assertEquals(1, source.indexAt(129 * MS));
            assertEquals(2, source.indexAt(130 * MS));
            assertEquals(2, source.indexAt(399 * MS));
            assertEquals(3, source.indexAt(400 * MS));
            // 3 intervals in 400 ms: 7.5 fps on average, so the last frame lasts 133 ms.
            assertEquals(OptionalDouble.of(7.5), source.nominalFrameRate());
            assertEquals(Duration.ofNanos(533_333_333), source.duration());
            assertEquals(4, source.indexAt(source.duration().toNanos()));
        }
    }

    @Test
    void framesWithoutATimeFollowAtTheRecordedRate() throws IOException {
        try (StoredSource source = open("0\n50000000\n")) {
            assertEquals(50 * MS, source.timeOf(1));
            assertEquals(100 * MS, source.timeOf(2));
            assertEquals(150 * MS, source.timeOf(3));
            assertEquals(2, source.indexAt(120 * MS));
        }
    }

    @Test
    void withoutASidecarOrWithABrokenOneTheClipPlaysAtItsRate() throws IOException {
        for (String times : new String[] {null, "0\n200\n100\n", "zero\n", "", "# only a comment\n"}) {
            try (StoredSource source = open(times)) {
                assertEquals(50 * MS, source.timeOf(1), "sidecar " + times);
                assertEquals(OptionalDouble.of(20), source.nominalFrameRate());
            }
            Files.deleteIfExists(dir.resolve("door-2026-12-02T10-00-00Z.Mjpeg.times"));
        }
    }

    @Test
    void timesPastTheLastFrameAreIgnored() throws IOException {
        try (StoredSource source = open("0\n10000000\n20000000\n30000000\n40000000\n50000000\n")) {
            assertEquals(4, source.frameCount());
            assertEquals(30 * MS, source.timeOf(3));
            assertTrue(source.duration().toNanos() == 40 * MS);
        }
    }
}
