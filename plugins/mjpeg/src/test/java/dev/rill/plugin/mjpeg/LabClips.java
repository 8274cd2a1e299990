package dev.rill.plugin.mjpeg;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The course's two clips as the tests use them: a clip made here with the properties the tests are
 * about, always, and the file in {@code <rill.sharedDir>/media} when it is there (its README says
 * where it comes from); the test names say which.
 * <ul>
 *   <li>movie ({@code movie.Mjpeg}): 320x240 baseline JPEG, 4:2:0 (RFC 2435 type 1), JFIF,
 *   standard Huffman tables, Annex K quantisation tables (Q=50), every frame within the classic
 *   client's 14,988 bytes;
 *   <li>classic frames ({@code classic-frames.Mjpeg}): the same at 384x288, but 4:4:4, with
 *   component ids 0, 1, 2 and no JFIF segment, as the course's original movie is written.
 * </ul>
 * The generated clips are written once per test run into a temporary directory removed when the
 * JVM exits.
 */
final class LabClips {

    /** Frames in a generated clip: an odd count, so that the median is one frame's size. */
    static final int GENERATED_FRAMES = 15;

    /** ImageIO's quality 0.5 is IJG quality 50: the Annex K tables unscaled. */
    private static final float ANNEX_K_QUALITY = 0.5f;

    /** The shared files' frame sizes: their README's, and the first and last as the files hold them. */
    private static final FrameSizes SHARED_MOVIE = new FrameSizes(577, 6404, 5453, 3494, 5709, 8188, 3_381_737);
    private static final FrameSizes SHARED_CLASSIC = new FrameSizes(18, 7149, 9180, 5896, 7591, 9180, 135_894);

    private static Clip generatedMovie;
    private static Clip generatedClassic;

    private LabClips() {
    }

    /**
     * A clip in the course's container and what is known of it apart from the code under test.
     *
     * @param label how the test names show it
     * @param file  the {@code .Mjpeg} file
     * @param sizes its frames' sizes
     */
    record Clip(String label, Path file, FrameSizes sizes) {

        /** The JPEGs, read here without the code under test: 5 ASCII digits of length, then the JPEG. */
        List<byte[]> frames() throws IOException {
            return split(Files.readAllBytes(file));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Frame sizes in bytes.
     *
     * @param count  frames
     * @param first  the first frame
     * @param last   the last frame
     * @param min    the smallest
     * @param median the middle one, or the mean of the middle two for an even count
     * @param max    the largest
     * @param total  all frames together, without the length fields
     */
    record FrameSizes(int count, int first, int last, int min, double median, int max, long total) {

        static FrameSizes of(List<byte[]> frames) {
            int[] sizes = frames.stream().mapToInt(frame -> frame.length).toArray();
            int[] sorted = sizes.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
            return new FrameSizes(sizes.length, sizes[0], sizes[sizes.length - 1], sorted[0], median,
                    sorted[sorted.length - 1], Arrays.stream(sizes).asLongStream().sum());
        }
    }

    /** The generated movie, then the shared movie.Mjpeg if present. */
    static Stream<Clip> movies() throws IOException {
        return Stream.concat(Stream.of(generatedMovie()), shared("movie.Mjpeg", SHARED_MOVIE).stream());
    }

    /** The generated classic frames, then the shared classic-frames.Mjpeg if present. */
    static Stream<Clip> classicFrames() throws IOException {
        return Stream.concat(Stream.of(generatedClassic()), shared("classic-frames.Mjpeg", SHARED_CLASSIC).stream());
    }

    private static Optional<Clip> shared(String name, FrameSizes sizes) {
        return Optional.ofNullable(System.getProperty("rill.sharedDir"))
                .map(dir -> Path.of(dir, "media", name))
                .filter(Files::isRegularFile)
                .map(file -> new Clip(name + " in ../shared", file, sizes));
    }

    private static synchronized Clip generatedMovie() throws IOException {
        if (generatedMovie == null) {
            JpegTestImages.Spec spec = JpegTestImages.Spec.of(320, 240).quality(ANNEX_K_QUALITY);
            generatedMovie = generate("movie.Mjpeg", "generated movie: " + GENERATED_FRAMES + " frames of 320x240 4:2:0",
                    spec, UnaryOperator.identity());
        }
        return generatedMovie;
    }

    private static synchronized Clip generatedClassic() throws IOException {
        if (generatedClassic == null) {
            JpegTestImages.Spec spec = JpegTestImages.Spec.of(384, 288).sampling(1, 1).quality(ANNEX_K_QUALITY);
            generatedClassic = generate("classic-frames.Mjpeg", "generated classic frames: " + GENERATED_FRAMES
                    + " frames of 384x288 4:4:4, ids 0,1,2, no JFIF", spec, JpegTestBytes::classicStyle);
        }
        return generatedClassic;
    }

    private static Clip generate(String name, String label, JpegTestImages.Spec spec, UnaryOperator<byte[]> rewrite)
            throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < GENERATED_FRAMES; i++) {
            frames.add(rewrite.apply(JpegTestImages.encode(scene(spec.width(), spec.height(), i), spec)));
        }
        Path dir = Files.createTempDirectory("rill-lab-clips");
        dir.toFile().deleteOnExit();
        Path file = Files.write(dir.resolve(name), ContainerBytes.container(frames.toArray(byte[][]::new)));
        file.toFile().deleteOnExit(); // registered after its directory, so deleted before it
        return new Clip(label, file, FrameSizes.of(frames));
    }

    /**
     * Frame {@code index} of a moving scene that compresses like camera footage: a drifting
     * gradient, a ball that crosses the picture, and a row of fine stripes.
     */
    static BufferedImage scene(int width, int height, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        float hue = index / (float) GENERATED_FRAMES;
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.6f, 0.9f), width, height,
                Color.getHSBColor(hue + 0.4f, 0.7f, 0.4f)));
        g.fillRect(0, 0, width, height);
        int ball = height / 4;
        g.setColor(Color.getHSBColor(hue + 0.2f, 0.9f, 1f));
        g.fillOval((width - ball) * index / GENERATED_FRAMES, height / 3, ball, ball);
        for (int x = index % 6; x < width; x += 6) {
            g.setColor((x / 6) % 2 == 0 ? Color.WHITE : Color.DARK_GRAY);
            g.fillRect(x, height * 3 / 4, 3, height / 10);
        }
        g.dispose();
        return image;
    }

    /** The JPEGs of a lab container. */
    private static List<byte[]> split(byte[] container) {
        List<byte[]> frames = new ArrayList<>();
        int p = 0;
        while (p + 5 <= container.length) {
            int length = Integer.parseInt(new String(container, p, 5, StandardCharsets.US_ASCII));
            frames.add(Arrays.copyOfRange(container, p + 5, p + 5 + length));
            p += 5 + length;
        }
        return frames;
    }
}
