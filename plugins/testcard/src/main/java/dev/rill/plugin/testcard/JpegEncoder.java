package dev.rill.plugin.testcard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes pictures as baseline JPEG with the JDK's ImageIO writer. For an RGB image with no
 * metadata that writer produces exactly what RFC 2435 carries without re-encoding: JFIF, SOF0
 * (8-bit sequential Huffman), three components Y, Cb, Cr sampled 2x2, 1x1, 1x1 (4:2:0, RFC 2435
 * type 1) in one interleaved scan, two 8-bit quantisation tables (Cb and Cr share one), the
 * standard Huffman tables of T.81 Annex K.3 (Huffman optimisation stays off) and no restart
 * markers. The tests check every one of these. Not thread-safe: one writer, reused.
 */
final class JpegEncoder implements AutoCloseable {

    private final ImageWriter writer;
    private final ImageWriteParam param;

    /** @param quality ImageIO's JPEG quality, in (0, 1] */
    JpegEncoder(float quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO JPEG writer");
        }
        this.writer = writers.next();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (param instanceof JPEGImageWriteParam jpeg) {
            // RFC 2435 receivers rebuild the JPEG with the K.3 tables; optimised ones would not decode.
            jpeg.setOptimizeHuffmanTables(false);
        }
        if (param.canWriteProgressive()) {
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        }
    }

    /** The complete JPEG, SOI to EOI. */
    byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.setOutput(null);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
