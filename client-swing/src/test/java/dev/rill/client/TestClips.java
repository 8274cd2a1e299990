package dev.rill.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Clips made for the tests, in the course's .Mjpeg container, and the shared clips when present. */
final class TestClips {

    private TestClips() {
    }

    /** {@code count} distinct baseline JFIF frames (4:2:0, ImageIO's encoder) of {@code width} x {@code height}. */
    static List<byte[]> frames(int count, int width, int height) throws IOException {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(picture(i, count, width, height), "jpg", out);
            frames.add(out.toByteArray());
        }
        return frames;
    }

    /**
     * {@code count} distinct frames written as the course's original movie is (see
     * {@code ../shared/media/README.md}): 384x288 baseline, 4:4:4, Annex K tables (Q=50), component
     * ids 0, 1, 2 and no JFIF segment. ImageIO encodes them, then {@link #likeTheCourses} rewrites them.
     */
    static List<byte[]> classicFrames(int count) throws IOException {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(likeTheCourses(fullChroma(picture(i, count, 384, 288), 0.5f)));
        }
        return frames;
    }

    /** Frame {@code index} of {@code count}: a colour for the frame, a black bar that moves, a white bar that grows. */
    private static BufferedImage picture(int index, int count, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB(index / (float) count, 0.7f, 0.9f)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK); // a bar that moves; no text, fonts may be missing
        g.fillRect(index * width / count, height / 4, Math.max(4, width / count), height / 2);
        g.setColor(Color.WHITE);
        g.fillRect(0, height - 8, (index + 1) * width / count, 8);
        g.dispose();
        return image;
    }

    /** A baseline JFIF JPEG with every component sampled 1x1 (4:4:4) at ImageIO {@code quality}. */
    private static byte[] fullChroma(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
            luma.setAttribute("HsamplingFactor", "1");
            luma.setAttribute("VsamplingFactor", "1");
            metadata.setFromTree(format, root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /**
     * The same picture as the course's frames carry it: the APP0 segment removed and component ids
     * 1, 2, 3 made 0, 1, 2 (in SOF0 and SOS) in a baseline JPEG of three components.
     */
    static byte[] likeTheCourses(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int pos = 2;
        while (pos < jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            byte[] segment = Arrays.copyOfRange(jpeg, pos, pos + 2 + length);
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

    /**
     * Frames with fine detail (a grid of small tiles), so that each JPEG needs several RTP packets
     * (at 320x240, some 10 to 20 KB).
     */
    static List<byte[]> detailedFrames(int count, int width, int height) throws IOException {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            for (int y = 0; y < height; y += 6) {
                for (int x = 0; x < width; x += 6) {
                    g.setColor(new Color(Color.HSBtoRGB(((x * 7 + y * 13 + i * 31) % 360) / 360f, 0.8f,
                            ((x + y + i) % 3 + 1) / 3f)));
                    g.fillRect(x, y, 6, 6);
                }
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            frames.add(out.toByteArray());
        }
        return frames;
    }

    /** Writes frames in the course's container: 5 ASCII digits of length, then the JPEG. */
    static Path writeMjpeg(Path file, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.write(String.format("%05d", frame.length).getBytes(StandardCharsets.US_ASCII));
            out.write(frame);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    /** The frames of a .Mjpeg file. */
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

    /** A clip of the shared test media ({@code rill.sharedDir}/media), when it is there. */
    static Optional<Path> shared(String name) {
        String dir = System.getProperty("rill.sharedDir");
        if (dir == null) {
            return Optional.empty();
        }
        Path file = Path.of(dir, "media", name);
        return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }

    /** The frames written by a headless run, in order. */
    static List<byte[]> written(Path directory) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path file = directory.resolve(String.format("frame-%05d.jpg", i));
            if (!Files.exists(file)) {
                return frames;
            }
            frames.add(Files.readAllBytes(file));
        }
    }

    /** A number from the statistics JSON; a boolean as 1 or 0. */
    static double stat(Path json, String name) throws IOException {
        JsonNode value = new ObjectMapper().readTree(json.toFile()).get(name);
        if (value == null || !(value.isNumber() || value.isBoolean())) {
            throw new AssertionError("no number " + name + " in " + Files.readString(json));
        }
        return value.isBoolean() ? (value.booleanValue() ? 1 : 0) : value.doubleValue();
    }
}
