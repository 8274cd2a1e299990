package dev.rill.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the soak's samples as a PNG: three panels over the run's minutes (heap after GC and
 * resident memory; open files and threads; viewers and publishers), each with its own scale
 * starting at zero so that a slow climb shows as one.
 */
final class SoakPlot {

    private static final int WIDTH = 1000;
    private static final int PANEL = 240;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int GAP = 40;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728)};

    private record Line(String label, ToDoubleFunction<SoakSample> value) {
    }

    private SoakPlot() {
    }

    static void write(List<SoakSample> samples, String title, Path png) throws IOException {
        int height = TOP + 3 * (PANEL + GAP) + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            double maxMinute = samples.stream().mapToDouble(SoakSample::minute).max().orElse(1);
            panel(g, samples, maxMinute, TOP, "MiB", List.of(
                    new Line("heap after full GC", s -> s.heapKib() / 1024.0),
                    new Line("resident set (RSS)", s -> s.rssKib() / 1024.0)));
            panel(g, samples, maxMinute, TOP + PANEL + GAP, "count", List.of(
                    new Line("open file descriptors", s -> s.openFiles()),
                    new Line("threads", s -> s.threads())));
            panel(g, samples, maxMinute, TOP + 2 * (PANEL + GAP), "count", List.of(
                    new Line("soak viewers connected", s -> s.viewers()),
                    new Line("publishers x 100", s -> s.publishers() * 100.0)));
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, List<SoakSample> samples, double maxMinute, int top, String unit,
                              List<Line> lines) {
        int w = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (Line line : lines) {
            for (SoakSample s : samples) {
                max = Math.max(max, line.value().applyAsDouble(s));
            }
        }
        max = niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i <= 4; i++) {
            int y = top + PANEL - i * PANEL / 4;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", max * i / 4), 10, y + 4);
        }
        for (int i = 0; i <= 6; i++) {
            int x = LEFT + i * w / 6;
            g.drawString(String.format(Locale.ROOT, maxMinute < 12 ? "%.1f min" : "%.0f min", maxMinute * i / 6), x - 15,
                    top + PANEL + 15);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, w, PANEL);
        g.drawString(unit, 10, top - 6);
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            g.setColor(COLORS[l % COLORS.length]);
            g.setStroke(new BasicStroke(2));
            Path2D path = new Path2D.Double();
            boolean first = true;
            for (SoakSample s : samples) {
                double v = line.value().applyAsDouble(s);
                if (v < 0) {
                    continue; // not read
                }
                double x = LEFT + s.minute() / Math.max(maxMinute, 1e-9) * w;
                double y = top + PANEL - v / max * PANEL;
                if (first) {
                    path.moveTo(x, y);
                    first = false;
                } else {
                    path.lineTo(x, y);
                }
            }
            g.draw(path);
            g.fillRect(LEFT + 10 + l * 220, top + 8, 12, 12);
            g.drawString(line.label(), LEFT + 28 + l * 220, top + 18);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (and at least 1). */
    static double niceCeiling(double v) {
        if (v <= 1) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
