package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.SourceContext;
import dev.rill.spi.StoredSource;
import dev.rill.spi.VideoSize;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clip the build rendered into target/classes, and the provider that serves it. */
class SampleClipTest {

    /** The built clip's frames, as its source serves them. */
    private static List<Frame> frames() throws IOException {
        MjpegFileSource source = new MjpegFileSource(SampleClipProvider.index(), SampleClip.FRAME_RATE, false);
        return LongStream.range(0, source.frameCount()).mapToObj(i -> source.frame(i).orElseThrow()).toList();
    }

    @Test
    void builtResourceIsOnTheClassPath() {
        assertNotNull(SampleClip.class.getResource("sample.Mjpeg"), "the build did not render sample.Mjpeg");
    }

    @Test
    void builtClipIndexesTo100FramesWithoutFault() throws IOException {
        MjpegIndex index = SampleClipProvider.index();
        assertEquals(100, index.frameCount());
        assertEquals(Optional.empty(), index.fault());
    }

    @Test
    void everyFrameDecodesTo320x240() throws IOException {
        for (Frame frame : frames()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.bytes()));
            assertNotNull(image, frame + " does not decode");
            assertEquals(320, image.getWidth(), frame.toString());
            assertEquals(240, image.getHeight(), frame.toString());
        }
    }

    @Test
    void everyFrameFitsTheClassicClientBuffer() throws IOException {
        for (Frame frame : frames()) {
            assertTrue(frame.size() <= 14_988, frame + " is larger than 14,988 bytes");
        }
    }

    @Test
    void consecutiveFramesDiffer() throws IOException {
        List<Frame> frames = frames();
        for (int i = 1; i < frames.size(); i++) {
            assertFalse(Arrays.equals(frames.get(i - 1).bytes(), frames.get(i).bytes()), "frames " + i + " and " + (i + 1));
        }
    }

    @Test
    void everyFrameIsBaseline420() throws IOException {
        // SOF0 with Y sampled 2x2 and Cb, Cr 1x1: what RFC 2435 type 1 carries.
        for (Frame frame : frames()) {
            byte[] b = frame.bytes();
            int sof = indexOf(b, (byte) 0xFF, (byte) 0xC0);
            assertTrue(sof > 0, frame + " has no SOF0");
            assertEquals(3, b[sof + 9], frame + " components");
            assertEquals(0x22, b[sof + 11], frame + " Y sampling");
            assertEquals(0x11, b[sof + 14], frame + " Cb sampling");
            assertEquals(0x11, b[sof + 17], frame + " Cr sampling");
        }
    }

    private static int indexOf(byte[] b, byte first, byte second) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == first && b[i + 1] == second) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void providerServesTheClipAt20FpsByDefault() throws IOException {
        MediaSource source = new SampleClipProvider().open(new SampleClipConfig(null, null), new SourceContext(Path.of("."), 25));
        assertEquals("sample.Mjpeg", source.describe());
        assertEquals(OptionalDouble.of(20), source.nominalFrameRate());
        assertEquals(100, ((StoredSource) source).frameCount());
        assertFalse(((StoredSource) source).loops());
        assertEquals(Optional.of(new VideoSize(320, 240)), source.videoSize());
        assertEquals("mjpeg-sample", new SampleClipProvider().type());
        assertEquals(SampleClipConfig.class, new SampleClipProvider().configType());
    }

    @Test
    void providerTakesConfiguredRateAndLoop() throws IOException {
        MediaSource source = new SampleClipProvider().open(new SampleClipConfig(10.0, true), new SourceContext(Path.of("."), 25));
        assertEquals(OptionalDouble.of(10), source.nominalFrameRate());
        assertTrue(((StoredSource) source).loops());
    }

    @Test
    void rendererWritesTheRequestedNumberOfFramesInTheContainer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SampleClip(3).writeTo(out);
        assertEquals(3, MjpegIndex.index("three.Mjpeg", out.toByteArray()).frameCount());
    }

    @Test
    void timecodeCountsMinutesSecondsAndHundredths() {
        assertEquals("00:00.00", SampleClip.timecode(0));
        assertEquals("00:02.35", SampleClip.timecode(47 / 20.0));
        assertEquals("01:05.50", SampleClip.timecode(65.5));
    }
}
