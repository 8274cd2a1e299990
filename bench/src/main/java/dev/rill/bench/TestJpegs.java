package dev.rill.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Baseline JPEGs made with ImageIO for the benchmarks: YCbCr 4:2:0, two 8-bit quantisation
 * tables, the standard Huffman tables (what RFC 2435 carries as is). The picture is a colour
 * gradient with seeded noise; {@code detail} (0..255) sets the noise amplitude and so the size:
 * little detail gives frames like the sample movie's, much detail at quality 0.9 pushes a
 * 1280x720 frame over 64 KB.
 */
final class TestJpegs {

    private TestJpegs() {
    }

    static byte[] jpeg(int width, int height, int detail, float quality, long seed) {
        if (width < 1 || height < 1 || detail < 0 || detail > 255 || !(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("bad test JPEG: " + width + "x" + height + " detail " + detail
                    + " quality " + quality);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(255 * x / width + noise(random, detail));
                int g = clamp(255 * y / height + noise(random, detail));
                int b = clamp(128 + noise(random, detail));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(image, quality);
    }

    /** {@code image} as a baseline JPEG (ImageIO: 4:2:0, standard Huffman tables) of the given quality (0..1]. */
    static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int noise(Random random, int detail) {
        return detail == 0 ? 0 : random.nextInt(2 * detail + 1) - detail;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
