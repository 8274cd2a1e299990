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
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Clips made for the tests, in the course's .Mjpeg container, and the shared clips when present. */
final class TestClips {

    private TestClips() {
    }

    /** {@code count} distinct baseline JFIF frames (4:2:0, ImageIO's encoder) of {@code width} x {@code height}. */
    static List<byte[]> frames(int count, int width, int height) throws IOException {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(Color.HSBtoRGB(i / (float) count, 0.7f, 0.9f)));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK); // a bar that moves; no text, fonts may be missing
            g.fillRect(i * width / count, height / 4, Math.max(4, width / count), height / 2);
            g.setColor(Color.WHITE);
            g.fillRect(0, height - 8, (i + 1) * width / count, 8);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            frames.add(out.toByteArray());
        }
        return frames;
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
