package dev.rill.plugin.testcard;

import java.awt.Color;
import java.awt.Graphics2D;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * Paints one test card picture: 75% colour bars (the SMPTE order) with the card's name in a box,
 * the reverse castellations under them, a grey step wedge with a white block sweeping across it
 * and back every {@link #SWEEP_SECONDS} seconds, and a black band with the wall-clock time of the
 * frame (HH:MM:SS.cc) and its number. What is painted depends only on the frame index and its
 * time, so a frame looks the same whenever it is rendered. Not thread-safe; holds no image.
 */
final class TestPattern {

    static final String TITLE = "Rill test card";
    /** One left-to-right-and-back trip of the moving block, in seconds. */
    static final double SWEEP_SECONDS = 2.0;

    /** 75% amplitude bars, 8-bit RGB: grey, yellow, cyan, green, magenta, red, blue. */
    private static final List<Color> BARS = List.of(
        new Color(191, 191, 191), new Color(191, 191, 0), new Color(0, 191, 191), new Color(0, 191, 0),
        new Color(191, 0, 191), new Color(191, 0, 0), new Color(0, 0, 191));
    /** Under each bar, the castellation: blue, black, magenta, black, cyan, black, grey. */
    private static final List<Color> CASTELLATIONS = List.of(
        new Color(0, 0, 191), Color.BLACK, new Color(191, 0, 191), Color.BLACK,
        new Color(0, 191, 191), Color.BLACK, new Color(191, 191, 191));
    private static final int WEDGE_STEPS = 16;
    /** Dot columns of the widest line ({@link #TITLE} with a margin), used to size the font. */
    private static final int WIDEST_LINE_DOTS = (TITLE.length() + 2) * DotFont.ADVANCE;

    private final int width;
    private final int height;
    private final double fps;
    private final int barsBottom;
    private final int castellationBottom;
    private final int wedgeBottom;
    private final int dot;

    TestPattern(int width, int height, double fps) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0: " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.barsBottom = height * 7 / 12;
        this.castellationBottom = height * 2 / 3;
        this.wedgeBottom = height * 3 / 4;
        // Two text lines with a line of space around them fill the bottom quarter at most.
        int byHeight = (height - wedgeBottom) / (3 * DotFont.GLYPH_HEIGHT);
        int byWidth = width / WIDEST_LINE_DOTS;
        this.dot = Math.max(1, Math.min(byHeight, byWidth));
    }

    /** Paints frame {@code index}, presented at wall-clock time {@code time}. */
    void paint(Graphics2D g, long index, LocalTime time) {
        paintBars(g);
        paintTitle(g);
        paintWedge(g, index);
        paintInfo(g, index, time);
    }

    /** HH:MM:SS.cc: hundredths, truncated. */
    static String clock(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%02d", time.getHour(), time.getMinute(),
                time.getSecond(), time.getNano() / 10_000_000);
    }

    private void paintBars(Graphics2D g) {
        for (int i = 0; i < BARS.size(); i++) {
            int left = width * i / BARS.size();
            int right = width * (i + 1) / BARS.size();
            g.setColor(BARS.get(i));
            g.fillRect(left, 0, right - left, barsBottom);
            g.setColor(CASTELLATIONS.get(i));
            g.fillRect(left, barsBottom, right - left, castellationBottom - barsBottom);
        }
    }

    private void paintTitle(Graphics2D g) {
        int textWidth = DotFont.width(TITLE, dot);
        int textHeight = DotFont.height(dot);
        int x = (width - textWidth) / 2;
        int y = (barsBottom - textHeight) / 2;
        g.setColor(Color.BLACK);
        g.fillRect(x - 2 * dot, y - 2 * dot, textWidth + 4 * dot, textHeight + 4 * dot);
        g.setColor(Color.WHITE);
        DotFont.draw(g, TITLE, x, y, dot);
    }

    /** A black-to-white step wedge; the moving block's position follows the frame's time. */
    private void paintWedge(Graphics2D g, long index) {
        int top = castellationBottom;
        int bandHeight = wedgeBottom - top;
        for (int i = 0; i < WEDGE_STEPS; i++) {
            int level = 255 * i / (WEDGE_STEPS - 1);
            int left = width * i / WEDGE_STEPS;
            int right = width * (i + 1) / WEDGE_STEPS;
            g.setColor(new Color(level, level, level));
            g.fillRect(left, top, right - left, bandHeight);
        }
        int block = Math.max(2, bandHeight);
        double phase = (index / fps) % SWEEP_SECONDS / SWEEP_SECONDS;   // 0..1 over one trip
        double there = phase < 0.5 ? phase * 2 : 2 - phase * 2;         // 0..1..0, a triangle wave
        int x = (int) Math.round(there * (width - block));
        g.setColor(Color.RED);
        g.fillRect(x, top, block, bandHeight);
        g.setColor(Color.WHITE);
        g.fillRect(x + block / 4, top + bandHeight / 4, block / 2, bandHeight / 2);
    }

    private void paintInfo(Graphics2D g, long index, LocalTime time) {
        g.setColor(Color.BLACK);
        g.fillRect(0, wedgeBottom, width, height - wedgeBottom);
        int line = DotFont.height(dot);
        int gap = Math.max(1, (height - wedgeBottom - 2 * line) / 3);
        g.setColor(Color.WHITE);
        drawCentred(g, clock(time), wedgeBottom + gap);
        g.setColor(Color.YELLOW);
        drawCentred(g, "FRAME " + index, wedgeBottom + 2 * gap + line);
    }

    private void drawCentred(Graphics2D g, String text, int y) {
        DotFont.draw(g, text, (width - DotFont.width(text, dot)) / 2, y, dot);
    }
}
