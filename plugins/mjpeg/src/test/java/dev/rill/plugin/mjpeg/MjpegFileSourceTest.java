package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.VideoSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MjpegFileSourceTest {

    private static MjpegFileSource threeFrames(boolean loop) throws IOException {
        return new MjpegFileSource(MjpegIndex.index("three.Mjpeg", container(jpeg(10, 1), jpeg(20, 2), jpeg(30, 3))), 25, loop);
    }

    @Test
    void describesItselfByNameEncodingRateAndCount() throws IOException {
        MjpegFileSource source = threeFrames(false);
        assertEquals("three.Mjpeg", source.describe());
        assertEquals("JPEG", source.encoding());
        assertEquals(OptionalDouble.of(25), source.nominalFrameRate());
        assertEquals(3, source.frameCount());
        assertFalse((MediaSource) source instanceof LiveSource);
        assertFalse(source.loops());
        assertTrue(threeFrames(true).loops());
    }

    @Test
    void framesAreReturnedByIndexAndEmptyOutsideWithoutWrapping() throws IOException {
        MjpegFileSource source = threeFrames(true);
        assertEquals(20, source.frame(1).orElseThrow().size());
        assertEquals(2, source.frame(2).orElseThrow().index());
        assertEquals(Optional.empty(), source.frame(3));
        assertEquals(Optional.empty(), source.frame(-1));
    }

    @Test
    void everyCallReadsTheFrameAfreshWithTheSameBytes() throws IOException {
        // Frames are read from the container on demand; the server caches what it needs.
        MjpegFileSource source = threeFrames(false);
        Frame first = source.frame(0).orElseThrow();
        Frame again = source.frame(0).orElseThrow();
        assertNotSame(first, again);
        assertArrayEquals(first.bytes(), again.bytes());
    }

    @Test
    void fakeFramesWithoutSofHaveNoVideoSize() throws IOException {
        assertEquals(Optional.empty(), threeFrames(false).videoSize());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#movies")
    void movieIs320x240(LabClips.Clip movie) throws IOException {
        MjpegIndex index = MjpegIndex.read(movie.file(), MjpegIndex.DEFAULT_MAX_FILE_BYTES);
        try (MjpegFileSource source = new MjpegFileSource(index, 20, false)) {
            assertEquals(Optional.of(new VideoSize(320, 240)), source.videoSize());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#classicFrames")
    void classicFramesAre384x288(LabClips.Clip classic) throws IOException {
        MjpegIndex index = MjpegIndex.read(classic.file(), MjpegIndex.DEFAULT_MAX_FILE_BYTES);
        try (MjpegFileSource source = new MjpegFileSource(index, 20, false)) {
            assertEquals(Optional.of(new VideoSize(384, 288)), source.videoSize());
        }
    }

    @Test
    void durationFollowsFrameCountAndRate() throws IOException {
        assertEquals(Duration.ofMillis(120), threeFrames(false).duration());
    }

    @Test
    void nonPositiveOrInfiniteRateIsRejected() throws IOException {
        MjpegIndex index = MjpegIndex.index("a.Mjpeg", container(jpeg(10, 1)));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, Double.POSITIVE_INFINITY, false));
    }

    @TempDir
    Path dir;

    @Test
    void frameNIsStampedNOverFps() throws IOException {
        MjpegFileSource source = threeFrames(false);
        assertEquals(0, source.frame(0).orElseThrow().timeNanos());
        assertEquals(40_000_000, source.frame(1).orElseThrow().timeNanos());
        assertEquals(80_000_000, source.frame(2).orElseThrow().timeNanos());
        for (long i = 0; i < 3; i++) {
            assertEquals(source.timeOf(i), source.frame(i).orElseThrow().timeNanos(), "frame " + i);
        }
    }

    @Test
    void timeOfIndexAtAndDurationAgreeAtAFractionalRate() throws IOException {
        byte[][] frames = new byte[200][];
        Arrays.setAll(frames, i -> jpeg(4, i));
        MjpegFileSource source = new MjpegFileSource(MjpegIndex.index("ntsc.Mjpeg", container(frames)), 30000.0 / 1001, false);
        for (long i = 0; i < source.frameCount(); i++) {
            assertEquals(i, source.indexAt(source.timeOf(i)), "at frame " + i + "'s time");
            if (i + 1 < source.frameCount()) {
                assertEquals(i, source.indexAt(source.timeOf(i + 1) - 1), "just before frame " + (i + 1));
            }
        }
        assertEquals(Duration.ofNanos(Math.round(200 * 1001 / 30000.0 * 1e9)), source.duration());
        assertEquals(199, source.indexAt(source.duration().toNanos() - 1));
        assertEquals(200, source.indexAt(source.duration().toNanos()));
        assertEquals(200, source.indexAt(Long.MAX_VALUE / 4));
        assertEquals(0, source.indexAt(-1));
    }

    @Test
    void timeOfAFrameOutsideTheClipIsRejected() throws IOException {
        MjpegFileSource source = threeFrames(false);
        assertThrows(IndexOutOfBoundsException.class, () -> source.timeOf(3));
        assertThrows(IndexOutOfBoundsException.class, () -> source.timeOf(-1));
    }

    @Test
    void framesAskedForAfterCloseAreEmpty() throws IOException {
        Path file = Files.write(dir.resolve("c.Mjpeg"), container(jpeg(10, 1), jpeg(20, 2)));
        MjpegFileSource source = new MjpegFileSource(MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES), 25, false);
        assertEquals(20, source.frame(1).orElseThrow().size());
        source.close();
        assertEquals(Optional.empty(), source.frame(1));
        source.close();
    }

    @Test
    void aFrameThatCannotBeReadIsEmptyAndTheOthersStillPlay() throws IOException {
        byte[] data = container(jpeg(10, 1), jpeg(20, 2));
        Path file = Files.write(dir.resolve("gone.Mjpeg"), data);
        try (MjpegFileSource source = new MjpegFileSource(MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES), 25, false)) {
            Files.write(file, Arrays.copyOf(data, 20));
            assertEquals(Optional.empty(), source.frame(1));
            assertEquals(Optional.empty(), source.frame(1), "and again, logged only the first time");
            assertEquals(10, source.frame(0).orElseThrow().size());
        }
    }
}
