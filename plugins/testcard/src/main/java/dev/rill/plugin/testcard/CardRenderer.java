package dev.rill.plugin.testcard;

import dev.rill.spi.VideoSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Renders one test card frame to JPEG bytes: paints the {@link TestPattern} into a picture it
 * reuses and encodes it with the {@link JpegEncoder}. The picture and the writer are made at the
 * first frame, so a card nobody watches holds neither. Not thread-safe: {@link TestCard} calls it
 * under its render lock.
 */
final class CardRenderer implements TestCard.Renderer {

    private final VideoSize size;
    private final TestPattern pattern;
    private final float quality;
    private final ZoneId zone;
    private BufferedImage picture;
    private JpegEncoder encoder;

    CardRenderer(VideoSize size, double fps, float quality, ZoneId zone) {
        this.size = size;
        this.pattern = new TestPattern(size.width(), size.height(), fps);
        this.quality = quality;
        this.zone = zone;
        new JpegEncoder(quality).close();   // fail at start-up, not at the first frame, if ImageIO cannot
    }

    /** Frame {@code index}, presented at {@code time}, as one complete JPEG. */
    @Override
    public byte[] render(long index, Instant time) throws IOException {
        if (picture == null) {
            // 3-byte BGR: ImageIO writes it as JFIF YCbCr 4:2:0, with no alpha to refuse.
            picture = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
            encoder = new JpegEncoder(quality);
        }
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            pattern.paint(g, index, LocalTime.ofInstant(time, zone));
        } finally {
            g.dispose();
        }
        return encoder.encode(picture);
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        picture = null;
    }
}
