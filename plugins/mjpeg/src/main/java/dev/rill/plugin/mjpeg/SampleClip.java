package dev.rill.plugin.mjpeg;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;

/**
 * Renders the sample clip that ships inside the plugin jar ({@code sample.Mjpeg}, served by
 * {@link SampleClipProvider}): our own footage, because the project may not ship anyone else's.
 *
 * <p>Each frame is drawn with Java2D (a colour gradient that drifts, a bouncing ball, a progress
 * bar, the word "Rill", the frame number and a timecode {@code mm:ss.cc}) and encoded with
 * ImageIO's JPEG writer: baseline, JFIF, YCbCr 4:2:0 (ImageIO's choice for 3-channel images, RFC
 * 2435 type 1), standard Huffman tables, quality 0.75, lowered in steps for a frame that would
 * not fit the classic client's buffer ({@link #MAX_FRAME_BYTES}). The frames are written in the
 * course's container (see {@link MjpegIndex}).
 *
 * <p>The build runs {@link #main} in {@code process-classes} (exec-maven-plugin), so nothing
 * binary is kept in the sources.
 */
public final class SampleClip {

    /** The clip's class-path resource, next to this class. */
    static final String RESOURCE = "sample.Mjpeg";
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int DEFAULT_FRAME_COUNT = 100;
    /** The rate the burnt-in timecode counts at. */
    static final double FRAME_RATE = 20;
    /**
     * Largest frame: the classic client and server read datagrams into 15,000-byte buffers, of
     * which the RTP header takes 12.
     */
    static final int MAX_FRAME_BYTES = 15_000 - 12;
    /** The largest frame the container's 5-digit length field can announce. */
    static final int MAX_CONTAINER_FRAME_BYTES = 99_999;

    private static final float QUALITY = 0.75f;
    private static final float QUALITY_STEP = 0.05f;
    private static final float MIN_QUALITY = 0.40f;

    /** Layout, in pixels. */
    private static final int FLOOR_Y = 205;
    private static final int BALL_RADIUS = 18;

    private final int frameCount;

    /** @param frameCount frames to render, 1..100,000 */
    SampleClip(int frameCount) {
        if (frameCount < 1 || frameCount > 100_000) {
            throw new IllegalArgumentException("frame count must be in [1, 100000]: " + frameCount);
        }
        this.frameCount = frameCount;
    }

    /**
     * Writes the clip to the file {@code args[0]} (created with its directories, replaced whole);
     * {@code args[1]}, optional, is the frame count (default 100). Run by the build, headless.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: SampleClip <output.Mjpeg> [frame count]");
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        int frames = args.length == 2 ? Integer.parseInt(args[1]) : DEFAULT_FRAME_COUNT;
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                new SampleClip(frames).writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Renders, encodes and writes every frame in the {@code .Mjpeg} container. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < frameCount; i++) {
            byte[] jpeg = encode(render(i), i);
            out.write(String.format(Locale.ROOT, "%05d", jpeg.length).getBytes(StandardCharsets.US_ASCII));
            out.write(jpeg);
        }
    }

    /** Frame {@code index} as a picture. */
    BufferedImage render(int index) {
        double seconds = index / FRAME_RATE;
        double progress = frameCount == 1 ? 1 : index / (double) (frameCount - 1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            drawBackground(g, progress);
            drawBall(g, seconds);
            drawProgress(g, index);
            drawText(g, index, seconds);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A diagonal gradient whose hue drifts from teal to violet over the clip. */
    private static void drawBackground(Graphics2D g, double progress) {
        float hue = (float) (0.50 + 0.30 * progress);
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.55f, 0.90f),
                WIDTH, HEIGHT, Color.getHSBColor(hue + 0.12f, 0.70f, 0.40f)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        // A floor line for the ball to bounce on.
        g.setPaint(new Color(255, 255, 255, 70));
        g.setStroke(new BasicStroke(2f));
        g.drawLine(16, FLOOR_Y, WIDTH - 16, FLOOR_Y);
    }

    /** A shaded ball crossing the picture every 2 s and bouncing twice a second. */
    private static void drawBall(Graphics2D g, double seconds) {
        double sweep = seconds / 2.0 % 2.0; // 0..2: there and back in 4 s
        double across = sweep < 1 ? sweep : 2 - sweep;
        double x = 30 + across * (WIDTH - 60);
        double height = Math.abs(Math.sin(Math.PI * seconds * 2)) * 70;
        double y = FLOOR_Y - BALL_RADIUS - height;
        // The shadow shrinks as the ball rises.
        double shadow = BALL_RADIUS * (1.2 - height / 140);
        g.setPaint(new Color(0, 0, 0, 60));
        g.fill(new Ellipse2D.Double(x - shadow, FLOOR_Y - 4, 2 * shadow, 8));
        g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y), BALL_RADIUS,
                new Point2D.Double(x - BALL_RADIUS / 3.0, y - BALL_RADIUS / 3.0), new float[] {0f, 1f},
                new Color[] {new Color(255, 236, 170), new Color(230, 120, 40)}, MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Ellipse2D.Double(x - BALL_RADIUS, y - BALL_RADIUS, 2 * BALL_RADIUS, 2 * BALL_RADIUS));
    }

    private void drawProgress(Graphics2D g, int index) {
        double filled = (index + 1) / (double) frameCount * (WIDTH - 32);
        g.setPaint(new Color(0, 0, 0, 90));
        g.fill(new RoundRectangle2D.Double(16, HEIGHT - 22, WIDTH - 32, 8, 8, 8));
        g.setPaint(new Color(255, 255, 255, 200));
        g.fill(new RoundRectangle2D.Double(16, HEIGHT - 22, filled, 8, 8, 8));
    }

    private static void drawText(Graphics2D g, int index, double seconds) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        drawShadowed(g, "Rill", 16, 14, 5);
        String frame = String.format(Locale.ROOT, "frame %03d", index + 1);
        drawShadowed(g, frame, WIDTH - 16 - BlockFont.width(frame, 2), 16, 2);
        drawShadowed(g, timecode(seconds), (WIDTH - BlockFont.width(timecode(seconds), 4)) / 2, 66, 4);
    }

    private static void drawShadowed(Graphics2D g, String text, int x, int y, int scale) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
        g.setPaint(Color.BLACK);
        BlockFont.draw(g, text, x + Math.max(1, scale / 2), y + Math.max(1, scale / 2), scale);
        g.setComposite(AlphaComposite.SrcOver);
        g.setPaint(Color.WHITE);
        BlockFont.draw(g, text, x, y, scale);
    }

    /** {@code mm:ss.cc} (hundredths), e.g. {@code 00:02.35} for frame 47 at 20 fps. */
    static String timecode(double seconds) {
        long hundredths = Math.round(seconds * 100);
        return String.format(Locale.ROOT, "%02d:%02d.%02d", hundredths / 6000, hundredths / 100 % 60, hundredths % 100);
    }

    /**
     * Baseline JPEG of {@code image}, at {@link #QUALITY} or, if that is too large for the
     * classic client, the highest quality down to {@link #MIN_QUALITY} that fits.
     */
    static byte[] encode(BufferedImage image, int index) throws IOException {
        int tries = Math.round((QUALITY - MIN_QUALITY) / QUALITY_STEP) + 1;
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < tries; i++) {
            byte[] jpeg = encode(image, QUALITY - i * QUALITY_STEP);
            if (jpeg.length <= MAX_FRAME_BYTES) {
                return jpeg;
            }
            smallest = Math.min(smallest, jpeg.length);
        }
        throw new IOException("sample frame " + (index + 1) + " is " + smallest + " bytes even at quality "
                + MIN_QUALITY + ", more than " + MAX_FRAME_BYTES);
    }

    private static byte[] encode(BufferedImage image, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("this JDK has no ImageIO JPEG writer");
        }
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            // In memory: no cache files in the temp directory.
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            if (bytes.size() > MAX_CONTAINER_FRAME_BYTES) {
                throw new IOException("encoded frame of " + bytes.size() + " bytes does not fit the 5-digit length field");
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
