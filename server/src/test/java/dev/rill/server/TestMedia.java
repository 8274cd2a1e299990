package dev.rill.server;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Media for tests: small clips made here, and the shared clips when they are beside the project. */
final class TestMedia {

    private TestMedia() {
    }

    /** {@code count} distinct baseline 4:2:0 JPEG frames of {@code width} x {@code height}. */
    static List<byte[]> frames(int count, int width, int height) throws IOException {
        return frames(count, width, height, 2, 0.75f, 0);
    }

    /** Writes frames in the course's container: 5 ASCII digits of length, then the JPEG. */
    static Path writeMjpeg(Path file, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            if (frame.length > 99_999) {
                throw new IllegalArgumentException("a .Mjpeg frame holds at most 99,999 bytes: " + frame.length);
            }
            out.write(String.format("%05d", frame.length).getBytes(StandardCharsets.US_ASCII));
            out.write(frame);
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    /** The frames of a .Mjpeg file, read independently of the server's reader. */
    static List<byte[]> readMjpeg(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> frames = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= all.length) {
            int length = Integer.parseInt(new String(all, pos, 5, StandardCharsets.US_ASCII));
            pos += 5;
            byte[] frame = new byte[length];
            System.arraycopy(all, pos, frame, 0, length);
            frames.add(frame);
            pos += length;
        }
        return frames;
    }

    /** The shared test media directory ({@code ../shared/media}), if present. */
    static Path sharedMedia() {
        String shared = System.getProperty("rill.sharedDir", "../../shared");
        return Path.of(shared, "media");
    }

    /**
     * Frames encoded with explicit luma sampling (chroma 1x1): 2x2 is 4:2:0, 1x1 is 4:4:4, the
     * course's original sampling that RFC 2435 cannot carry. {@code noise} adds detail so that
     * large frames are large in bytes too.
     */
    static List<byte[]> frames(int count, int width, int height, int lumaSampling, float quality, int noise) throws IOException {
        List<byte[]> frames = new ArrayList<>(count);
        java.util.Random random = new java.util.Random(count * 31L + width);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(Color.HSBtoRGB(i / (float) count, 0.6f, 0.9f)));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.fillRect(i * width / count, height / 4, Math.max(2, width / count), height / 2);
            g.dispose();
            for (int n = 0; n < noise; n++) {
                image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(1 << 24));
            }
            frames.add(encode(image, lumaSampling, quality));
        }
        return frames;
    }

    private static byte[] encode(BufferedImage image, int lumaSampling, float quality) throws IOException {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            javax.imageio.plugins.jpeg.JPEGImageWriteParam param = new javax.imageio.plugins.jpeg.JPEGImageWriteParam(null);
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            javax.imageio.metadata.IIOMetadata metadata = writer.getDefaultImageMetadata(
                    new javax.imageio.ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            javax.imageio.metadata.IIOMetadataNode root = (javax.imageio.metadata.IIOMetadataNode) metadata.getAsTree(format);
            javax.imageio.metadata.IIOMetadataNode luma = (javax.imageio.metadata.IIOMetadataNode)
                    root.getElementsByTagName("componentSpec").item(0);
            luma.setAttribute("HsamplingFactor", Integer.toString(lumaSampling));
            luma.setAttribute("VsamplingFactor", Integer.toString(lumaSampling));
            metadata.setFromTree(format, root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new javax.imageio.IIOImage(image, null, metadata), param);
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
