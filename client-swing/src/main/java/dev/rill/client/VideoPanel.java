package dev.rill.client;

import dev.rill.spi.ReceivedFrame;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * The video area: frames are decoded on the playout thread and handed to the event thread with
 * {@link SwingUtilities#invokeLater}; when the event thread falls behind, only the newest picture
 * waits (one pending hand-over at most), so nothing piles up. The picture is scaled to fit,
 * keeping its aspect ratio, on black.
 */
final class VideoPanel extends JComponent implements FrameSink {

    private final AtomicReference<Optional<BufferedImage>> pending = new AtomicReference<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    /** Touched on the event thread only. */
    private Optional<BufferedImage> picture = Optional.empty();

    VideoPanel() {
        setOpaque(true);
        setBackground(Color.BLACK);
        setPreferredSize(new Dimension(640, 480));
        setMinimumSize(new Dimension(160, 120));
    }

    @Override
    public void show(ReceivedFrame frame) {
        Pictures.decode(frame.data()).ifPresent(image -> handOver(Optional.of(image)));
    }

    @Override
    public void clear() {
        handOver(Optional.empty());
    }

    private void handOver(Optional<BufferedImage> image) {
        pending.set(image);
        if (handOverQueued.compareAndSet(false, true)) {
            SwingUtilities.invokeLater(() -> {
                handOverQueued.set(false);
                Optional<BufferedImage> next = pending.getAndSet(null);
                if (next != null) {
                    picture = next;
                    repaint();
                }
            });
        }
    }

    @Override
    protected void paintComponent(Graphics g) {
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        if (picture.isEmpty()) {
            return;
        }
        BufferedImage image = picture.get();
        double scale = Math.min(getWidth() / (double) image.getWidth(), getHeight() / (double) image.getHeight());
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g2.drawImage(image, (getWidth() - w) / 2, (getHeight() - h) / 2, w, h, null);
        } finally {
            g2.dispose();
        }
    }
}
