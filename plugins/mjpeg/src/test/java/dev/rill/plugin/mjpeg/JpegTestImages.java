package dev.rill.plugin.mjpeg;

import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Random;

/** Synthetic JPEGs made with ImageIO, byte-level rewrites of them, and picture comparisons. */
final class JpegTestImages {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegTestImages() {
    }

    /**
     * How to encode a test picture.
     *
     * @param width           pixels
     * @param height          pixels
     * @param lumaH           Y horizontal sampling (chroma is 1x1): 2x2 is 4:2:0, 2x1 4:2:2, 1x1 4:4:4
     * @param lumaV           Y vertical sampling
     * @param restartInterval MCUs between restart markers, 0 for none
     * @param quality         ImageIO quality 0..1 (0.75 is IJG quality 75)
     * @param noise           random pixels (large frames) instead of a smooth picture
     * @param progressive     progressive coding
     * @param optimiseHuffman optimised Huffman tables
     * @param grey            one component
     * @param tables          quantisation tables to write instead of those of {@code quality}
     */
    record Spec(int width, int height, int lumaH, int lumaV, int restartInterval, float quality, boolean noise,
                boolean progressive, boolean optimiseHuffman, boolean grey, Optional<Rfc2435QuantTables> tables) {

        static Spec of(int width, int height) {
            return new Spec(width, height, 2, 2, 0, 0.75f, false, false, false, false, Optional.empty());
        }

        Spec(int width, int height, int lumaH, int lumaV, int restartInterval, float quality, boolean noise,
             boolean progressive, boolean optimiseHuffman, boolean grey) {
            this(width, height, lumaH, lumaV, restartInterval, quality, noise, progressive, optimiseHuffman, grey,
                    Optional.empty());
        }

        /** The tables RFC 2435 Appendix A computes for {@code q} (1..99): a receiver needs no others. */
        Spec rfcQ(int q) {
            return tables(Rfc2435QuantTables.forQ(q));
        }

        /**
         * Tables that no Q in 1..99 gives (those of Q 80 for Y and Q 60 for Cb, Cr, plus
         * {@code variant} on the first value), so they must travel in-band.
         */
        Spec inBandTables(int variant) {
            byte[] data = new byte[2 * JpegTables.BLOCK_SIZE];
            for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
                data[i] = (byte) Rfc2435QuantTables.forQ(80).luminance(i);
                data[JpegTables.BLOCK_SIZE + i] = (byte) Rfc2435QuantTables.forQ(60).chrominance(i);
            }
            data[0] = (byte) (data[0] + variant);
            return tables(new Rfc2435QuantTables(0, data));
        }

        Spec tables(Rfc2435QuantTables t) {
            return new Spec(width, height, lumaH, lumaV, restartInterval, quality, noise, progressive, optimiseHuffman,
                    grey, Optional.of(t));
        }

        Spec sampling(int h, int v) {
            return new Spec(width, height, h, v, restartInterval, quality, noise, progressive, optimiseHuffman, grey, tables);
        }

        Spec restart(int interval) {
            return new Spec(width, height, lumaH, lumaV, interval, quality, noise, progressive, optimiseHuffman, grey, tables);
        }

        Spec quality(float q) {
            return new Spec(width, height, lumaH, lumaV, restartInterval, q, noise, progressive, optimiseHuffman, grey, tables);
        }

        Spec noisy() {
            return new Spec(width, height, lumaH, lumaV, restartInterval, quality, true, progressive, optimiseHuffman, grey, tables);
        }

        Spec progressiveCoding() {
            return new Spec(width, height, lumaH, lumaV, restartInterval, quality, noise, true, optimiseHuffman, grey, tables);
        }

        Spec optimisedHuffman() {
            return new Spec(width, height, lumaH, lumaV, restartInterval, quality, noise, progressive, true, grey, tables);
        }

        Spec greyscale() {
            return new Spec(width, height, 1, 1, restartInterval, quality, noise, progressive, optimiseHuffman, true, tables);
        }


        byte[] encode() {
            return JpegTestImages.encode(picture(), this);
        }

        BufferedImage picture() {
            return noise ? JpegTestImages.noise(width, height, 1) : JpegTestImages.smooth(width, height);
        }
    }

    /** A smooth colour picture (gradients and a disc): compresses like camera footage. */
    static BufferedImage smooth(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / Math.max(1, width - 1);
                int g = 255 * y / Math.max(1, height - 1);
                double dx = x - width / 2.0;
                double dy = y - height / 2.0;
                int b = dx * dx + dy * dy < (width * width + height * height) / 36.0 ? 220 : 40;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** Random pixels: the worst case for size. */
    static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage source, Spec spec) {
        BufferedImage picture = source;
        if (spec.grey()) {
            picture = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            picture.getGraphics().drawImage(source, 0, 0, null);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            JPEGImageWriteParam param = new JPEGImageWriteParam(null);
            if (spec.tables().isEmpty()) {   // an explicit quality would replace the metadata's tables
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(spec.quality());
            }
            param.setOptimizeHuffmanTables(spec.optimiseHuffman());
            if (spec.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(picture), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
            if (!spec.grey()) {
                IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
                luma.setAttribute("HsamplingFactor", Integer.toString(spec.lumaH()));
                luma.setAttribute("VsamplingFactor", Integer.toString(spec.lumaV()));
            }
            if (spec.restartInterval() > 0) {
                IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(spec.restartInterval()));
                sequence.insertBefore(dri, sequence.getFirstChild());
            }
            if (spec.tables().isPresent()) {
                NodeList dqt = root.getElementsByTagName("dqtable");
                for (int i = 0; i < dqt.getLength(); i++) {
                    IIOMetadataNode table = (IIOMetadataNode) dqt.item(i);
                    boolean luma = Integer.parseInt(table.getAttribute("qtableId")) == 0;
                    table.setUserObject(naturalOrder(spec.tables().get(), luma));
                }
            }
            metadata.setFromTree(FORMAT, root);
            return write(writer, new IIOImage(picture, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** One of the tables as ImageIO takes it: natural order. */
    static JPEGQTable naturalOrder(Rfc2435QuantTables tables, boolean luma) {
        int[] natural = new int[JpegTables.BLOCK_SIZE];
        for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
            natural[JpegTables.naturalIndex(i)] = luma ? tables.luminance(i) : tables.chrominance(i);
        }
        return new JPEGQTable(natural);
    }

    /** A four-component (CMYK, no Adobe segment) JPEG of the given ink values. */
    static byte[] cmyk(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {255 * x / width, 255 * y / height, 0, 30});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            return write(writer, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new AssertionError("ImageIO found no reader for " + jpeg.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean absolute difference per colour channel, 0..255. */
    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new AssertionError(a.getWidth() + "x" + a.getHeight() + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /** True when both pictures have the same size and the same RGB value at every pixel. */
    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The region {@code [0, width) x [0, height)} of a picture. */
    static BufferedImage crop(BufferedImage image, int width, int height) {
        return image.getSubimage(0, 0, width, height);
    }
}
