package dev.rill.plugin.mjpeg;

import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Re-encodes a JPEG that RFC 2435 cannot carry (see {@link Rfc2435Constraints}) into one it can:
 * baseline, Y, Cb, Cr with 4:2:0 sampling, two 8-bit quantisation tables and the standard Huffman
 * tables, at most 2040x2040. That covers 4:4:4 (the course's original movie), 4:4:0, 4:1:1,
 * greyscale, RGB, CMYK/YCCK, progressive, 12-bit samples (if ImageIO can decode them), optimised
 * Huffman tables, 16-bit or three quantisation tables, and pictures over 2040 pixels.
 *
 * <p>Decoding is {@link JpegDecoder}'s (ImageIO with an explicit colour space). Encoding is
 * ImageIO's JPEG writer with its default metadata for an RGB picture, which is JFIF, Y 2x2 with
 * Cb, Cr 1x1, quantisation table 0 for Y and 1 for Cb and Cr, Huffman tables of K.3, no restart
 * markers; Huffman optimisation and progressive mode stay off.
 *
 * <p>Quality: each quantisation value is the smaller of the source's own value (its luminance
 * table for Y, the table of its second component for Cb and Cr) and the IJG quality-85 value, so a
 * frame is never quantised more coarsely than its source, nor more coarsely than quality 85. Where
 * the source is already finer the re-encoded luminance reuses its exact steps, which keeps the
 * generation loss small. Sources whose components are not luminance and chrominance (RGB, CMYK)
 * get the quality-85 tables.
 *
 * <p>Size: RFC 2435 gives width and height in 8-pixel blocks, one byte each, so 2040 pixels is the
 * most it can describe. A larger picture is scaled down, keeping its aspect ratio, until its
 * longer side is 2040. The other way out, the {@code a=x-dimensions} SDP attribute, is not
 * understood by the RFC 2435 depacketizers of ffmpeg or GStreamer, so they would show a corrupt
 * picture. A size that is not a multiple of 8 is kept; {@link Rfc2435Constraints} says how it is
 * carried.
 */
final class JpegNormaliser {

    /** The IJG quality that bounds how coarse the re-encoded quantisation may be. */
    static final int QUALITY_FLOOR = 85;

    private static final String METADATA_FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegNormaliser() {
    }

    /** A JPEG RFC 2435 can carry, with the picture of {@code image}. */
    static byte[] normalise(JpegImage image) throws JpegFormatException {
        BufferedImage picture = scaleToFit(JpegDecoder.decode(image), Rfc2435Header.MAX_DIMENSION);
        JPEGQTable[] tables = quantTables(image);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new JpegFormatException("no ImageIO JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.bytes().limit()));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            JPEGImageWriteParam param = new JPEGImageWriteParam(null);
            param.setOptimizeHuffmanTables(false);
            param.setProgressiveMode(JPEGImageWriteParam.MODE_DISABLED);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(picture), param);
            setTables(metadata, tables);
            writer.setOutput(out);
            writer.write(null, new IIOImage(picture, null, metadata), param);
        } catch (IOException | RuntimeException e) {
            throw new JpegFormatException("ImageIO cannot encode " + image + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Puts the tables into the writer's default metadata and makes sure that metadata asks for
     * Y 2x2, Cb and Cr 1x1 on tables 0, 1, 1.
     */
    private static void setTables(IIOMetadata metadata, JPEGQTable[] tables) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(METADATA_FORMAT);
        NodeList dqt = root.getElementsByTagName("dqtable");
        NodeList components = root.getElementsByTagName("componentSpec");
        if (dqt.getLength() != 2 || components.getLength() != 3) {
            throw new IllegalStateException("ImageIO's default JPEG metadata has " + dqt.getLength()
                    + " quantisation tables and " + components.getLength() + " components, expected 2 and 3");
        }
        for (int i = 0; i < 2; i++) {
            IIOMetadataNode table = (IIOMetadataNode) dqt.item(i);
            int id = Integer.parseInt(table.getAttribute("qtableId"));
            table.setAttribute("elementPrecision", "0");
            table.setUserObject(tables[id == 0 ? 0 : 1]);
        }
        for (int i = 0; i < 3; i++) {
            IIOMetadataNode component = (IIOMetadataNode) components.item(i);
            component.setAttribute("HsamplingFactor", i == 0 ? "2" : "1");
            component.setAttribute("VsamplingFactor", i == 0 ? "2" : "1");
            component.setAttribute("QtableSelector", i == 0 ? "0" : "1");
        }
        metadata.setFromTree(METADATA_FORMAT, root);
    }

    /** Luminance and chrominance tables in natural order; see the class comment. */
    static JPEGQTable[] quantTables(JpegImage image) {
        Rfc2435QuantTables floor = Rfc2435QuantTables.forQ(QUALITY_FLOOR);
        int[] luma = new int[JpegTables.BLOCK_SIZE];
        int[] chroma = new int[JpegTables.BLOCK_SIZE];
        int count = image.components().size();
        boolean lumaChroma = count == 1 || (count == 3 && !Rfc2435Constraints.rgb(image));
        for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
            int natural = JpegTables.naturalIndex(i);
            luma[natural] = floor.luminance(i);
            chroma[natural] = floor.chrominance(i);
            if (lumaChroma) {
                luma[natural] = Math.min(luma[natural], sourceValue(image, 0, i));
                if (count == 3) {
                    chroma[natural] = Math.min(chroma[natural], sourceValue(image, 1, i));
                }
            }
        }
        return new JPEGQTable[] {new JPEGQTable(luma), new JPEGQTable(chroma)};
    }

    /** The source's quantisation value for a component at zig-zag position {@code index}, at least 1. */
    private static int sourceValue(JpegImage image, int component, int index) {
        int id = image.components().get(component).quantTableId();
        return image.quantTable(id).map(t -> Math.max(1, t.value(index))).orElse(Integer.MAX_VALUE);
    }

    /**
     * The picture scaled down so that neither side exceeds {@code max}, aspect ratio kept (the
     * picture itself when it fits). Halves first while more than twice too large, so that bilinear
     * filtering sees every source pixel.
     */
    static BufferedImage scaleToFit(BufferedImage picture, int max) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        if (width <= max && height <= max) {
            return picture;
        }
        double factor = Math.min((double) max / width, (double) max / height);
        int targetWidth = Math.clamp(Math.round(width * factor), 1, max);
        int targetHeight = Math.clamp(Math.round(height * factor), 1, max);
        BufferedImage current = picture;
        for (int step = 0; step < 32 && (current.getWidth() > 2 * targetWidth || current.getHeight() > 2 * targetHeight); step++) {
            current = resize(current, Math.max(targetWidth, current.getWidth() / 2),
                    Math.max(targetHeight, current.getHeight() / 2));
        }
        return resize(current, targetWidth, targetHeight);
    }

    private static BufferedImage resize(BufferedImage picture, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(picture, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
