package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course's frames have no JFIF marker and component ids 0, 1, 2; read as RGB they come out
 * teal. The player's decoder must take them for YCbCr, like any JPEG with three components.
 */
class PicturesTest {

    /** APP0 JFIF for 1:1 pixels, to give a frame the marker that makes every decoder read YCbCr. */
    private static final byte[] JFIF = {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};

    @Test
    void framesLikeTheCoursesDecodeToTheSameColoursAsWithJfif() throws IOException {
        byte[] jfif = TestClips.frames(1, 64, 48).get(0);
        byte[] course = TestClips.likeTheCourses(jfif);
        assertTrue(Frames.samePicture(jfif, course, 0), "ids 0,1,2 without JFIF must decode as YCbCr");
    }

    /**
     * A frame of the course's movie: one made like it (384x288, 4:4:4, ids 0,1,2, no JFIF), and the
     * first of {@code ../shared/media/classic-frames.Mjpeg}, the real thing, when it is there.
     */
    static Stream<Named<byte[]>> coursesFrames() throws IOException {
        Named<byte[]> generated = Named.of("generated frame like the course's", TestClips.classicFrames(1).get(0));
        Optional<Path> file = TestClips.shared("classic-frames.Mjpeg");
        if (file.isEmpty()) {
            return Stream.of(generated);
        }
        return Stream.of(generated, Named.of("classic-frames.Mjpeg in ../shared", TestClips.readMjpeg(file.get()).get(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coursesFrames")
    void theCoursesOwnFramesDecodeAsAnIndependentDecoderReadsThemWithJfif(byte[] frame) throws IOException {
        byte[] withJfif = new byte[frame.length + JFIF.length];
        System.arraycopy(frame, 0, withJfif, 0, 2);
        System.arraycopy(JFIF, 0, withJfif, 2, JFIF.length);
        System.arraycopy(frame, 2, withJfif, 2 + JFIF.length, frame.length - 2);
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(withJfif));
        BufferedImage ours = Pictures.decode(frame).orElseThrow();
        long total = 0;
        for (int y = 0; y < ours.getHeight(); y++) {
            for (int x = 0; x < ours.getWidth(); x++) {
                int a = ours.getRGB(x, y);
                int b = reference.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
                }
            }
        }
        double mean = total / (3.0 * ours.getWidth() * ours.getHeight());
        assertTrue(mean < 2, "mean difference per channel " + mean);
    }
}
