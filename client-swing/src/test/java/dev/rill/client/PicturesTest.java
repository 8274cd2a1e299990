package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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
        byte[] course = likeTheCourses(jfif);
        assertTrue(Frames.samePicture(jfif, course, 0), "ids 0,1,2 without JFIF must decode as YCbCr");
    }

    @Test
    void theCoursesOwnFramesDecodeAsAnIndependentDecoderReadsThemWithJfif() throws IOException {
        Optional<Path> file = TestClips.shared("classic-frames.Mjpeg");
        Assumptions.assumeTrue(file.isPresent(), "shared media absent: classic-frames.Mjpeg");
        byte[] frame = TestClips.readMjpeg(file.get()).get(0);
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

    /** The same picture as the course's frames carry it: APP0 removed, component ids 1,2,3 made 0,1,2. */
    private static byte[] likeTheCourses(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int pos = 2;
        while (pos < jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            byte[] segment = java.util.Arrays.copyOfRange(jpeg, pos, pos + 2 + length);
            if (marker == 0xC0) { // SOF0: 3 components of 3 bytes after 8 bytes of header
                for (int c = 0; c < 3; c++) {
                    segment[10 + 3 * c]--;
                }
            } else if (marker == 0xDA) { // SOS: count, then (id, tables) pairs
                for (int c = 0; c < 3; c++) {
                    segment[5 + 2 * c]--;
                }
            }
            if (marker != 0xE0) {
                out.write(segment, 0, segment.length);
            }
            pos += 2 + length;
            if (marker == 0xDA) {
                out.write(jpeg, pos, jpeg.length - pos); // the scan data and EOI
                break;
            }
        }
        return out.toByteArray();
    }
}
