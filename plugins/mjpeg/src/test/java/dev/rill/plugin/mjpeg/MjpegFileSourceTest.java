package dev.rill.plugin.mjpeg;

import dev.rill.spi.VideoSize;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static dev.rill.plugin.mjpeg.ContainerBytes.sharedMedia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        assertEquals(25, source.frameRate());
        assertEquals(OptionalLong.of(3), source.frameCount());
        assertFalse(source.live());
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
    void everyCallerGetsTheSameFrameObject() throws IOException {
        MjpegFileSource source = threeFrames(false);
        assertSame(source.frame(0).orElseThrow(), source.frame(0).orElseThrow());
    }

    @Test
    void fakeFramesWithoutSofHaveNoVideoSize() throws IOException {
        assertEquals(Optional.empty(), threeFrames(false).videoSize());
    }

    @Test
    void sharedMovieIs320x240() throws IOException {
        MjpegIndex index = MjpegIndex.read(sharedMedia("movie.Mjpeg"), MjpegIndex.DEFAULT_MAX_FILE_BYTES);
        assertEquals(Optional.of(new VideoSize(320, 240)), new MjpegFileSource(index, 20, false).videoSize());
    }

    @Test
    void sharedClassicFramesAre384x288() throws IOException {
        MjpegIndex index = MjpegIndex.read(sharedMedia("classic-frames.Mjpeg"), MjpegIndex.DEFAULT_MAX_FILE_BYTES);
        assertEquals(Optional.of(new VideoSize(384, 288)), new MjpegFileSource(index, 20, false).videoSize());
    }

    @Test
    void durationFollowsFrameCountAndRate() throws IOException {
        assertEquals(java.time.Duration.ofMillis(120), threeFrames(false).duration().orElseThrow());
    }

    @Test
    void nonPositiveOrInfiniteRateIsRejected() throws IOException {
        MjpegIndex index = MjpegIndex.index("a.Mjpeg", container(jpeg(10, 1)));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new MjpegFileSource(index, Double.POSITIVE_INFINITY, false));
    }
}
