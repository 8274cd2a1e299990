package dev.rill.plugin.mjpeg;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes a JPEG to RGB pixels with ImageIO, choosing the colour space itself.
 *
 * <p>Why not {@code ImageIO.read}: the JDK's reader takes a three-component JPEG without JFIF or
 * Adobe segment whose component ids are not 1, 2, 3 for RGB. The course's original movie is
 * exactly that (ids 0, 1, 2, no APP segment), and {@code ImageIO.read} shows it in false, teal
 * colours, where libjpeg, ffmpeg and browsers assume YCbCr. So this class reads the raw samples
 * ({@link ImageReader#readRaster}, no colour conversion) and converts them following libjpeg's
 * rules: one component is grey; three are YCbCr unless an Adobe segment says transform 0 or the
 * ids spell 'R', 'G', 'B'; four are CMYK (stored inverted when an Adobe segment is present, as
 * Adobe writes them), or YCCK when the Adobe transform is 2. CMYK is converted without a colour
 * profile, so its colours are approximate.
 */
final class JpegDecoder {

    /**
     * Most pixels decoded: 8K UHD (7680x4320). A JPEG header states up to 65535x65535 in a few
     * bytes, and ImageIO allocates the whole raster before it reads any data, so a hostile camera
     * could make every frame cost gigabytes; this bounds one decode to about 230 MB (3 bytes of
     * samples and 4 of RGB per pixel).
     */
    static final long MAX_PIXELS = 7680L * 4320;

    private JpegDecoder() {
    }

    private enum ColourSpace { GREY, YCBCR, RGB, CMYK, YCCK }

    /** The picture as {@link BufferedImage#TYPE_INT_RGB}, at the JPEG's own size; at most {@link #MAX_PIXELS}. */
    static BufferedImage decode(JpegImage image) throws JpegFormatException {
        if ((long) image.width() * image.height() > MAX_PIXELS) {
            throw new JpegFormatException(image.width() + "x" + image.height() + " pixels: more than the "
                    + MAX_PIXELS + " this server decodes");
        }
        ColourSpace space = colourSpace(image);
        Raster raster = readRaster(image);
        if (raster.getWidth() != image.width() || raster.getHeight() != image.height()
                || raster.getNumBands() != image.components().size()) {
            throw new JpegFormatException("ImageIO decoded " + raster.getWidth() + "x" + raster.getHeight() + " with "
                    + raster.getNumBands() + " bands, expected " + image);
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        boolean adobe = image.adobeTransform().isPresent();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int bands = raster.getNumBands();
        int[] line = new int[width * bands];
        int[] rgbLine = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, line);
            for (int x = 0; x < width; x++) {
                int s = x * bands;
                rgbLine[x] = switch (space) {
                    case GREY -> pack(line[s], line[s], line[s]);
                    case RGB -> pack(line[s], line[s + 1], line[s + 2]);
                    case YCBCR -> fromYCbCr(line[s], line[s + 1], line[s + 2]);
                    case CMYK -> fromCmyk(line[s], line[s + 1], line[s + 2], line[s + 3], adobe);
                    case YCCK -> {
                        // YCC codes 255 - C, 255 - M, 255 - Y of the stored (Adobe, inverted) CMYK values
                        int rgb = fromYCbCr(line[s], line[s + 1], line[s + 2]);
                        yield fromCmyk(255 - (rgb >> 16 & 0xFF), 255 - (rgb >> 8 & 0xFF), 255 - (rgb & 0xFF),
                                line[s + 3], true);
                    }
                };
            }
            out.setRGB(0, y, width, 1, rgbLine, 0, width);
        }
        return out;
    }

    private static ColourSpace colourSpace(JpegImage image) throws JpegFormatException {
        return switch (image.components().size()) {
            case 1 -> ColourSpace.GREY;
            case 3 -> Rfc2435Constraints.rgb(image) ? ColourSpace.RGB : ColourSpace.YCBCR;
            case 4 -> image.adobeTransform().orElse(0) == 2 ? ColourSpace.YCCK : ColourSpace.CMYK;
            default -> throw new JpegFormatException(image.components().size() + " components: colour space unknown");
        };
    }

    private static Raster readRaster(JpegImage image) throws JpegFormatException {
        byte[] bytes = new byte[image.bytes().limit()];
        image.bytes().get(0, bytes);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new JpegFormatException("no ImageIO JPEG reader available");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new JpegFormatException("ImageIO cannot decode " + image + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** JFIF (T.871) YCbCr to RGB, full range. */
    private static int fromYCbCr(int y, int cb, int cr) {
        double b0 = cb - 128.0;
        double r0 = cr - 128.0;
        return pack((int) Math.round(y + 1.402 * r0),
                (int) Math.round(y - 0.344136 * b0 - 0.714136 * r0),
                (int) Math.round(y + 1.772 * b0));
    }

    /** Naive CMYK to RGB; Adobe files store 255 - ink. */
    private static int fromCmyk(int c, int m, int y, int k, boolean inverted) {
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        return pack(c * k / 255, m * k / 255, y * k / 255);
    }

    private static int pack(int r, int g, int b) {
        return Math.clamp(r, 0, 255) << 16 | Math.clamp(g, 0, 255) << 8 | Math.clamp(b, 0, 255);
    }
}
