package dev.rill.plugin.testcard;

import java.awt.Graphics2D;
import java.util.Locale;
import java.util.Map;

/**
 * A 5x7 dot-matrix font drawn as filled rectangles, so the test card needs no system font (a
 * headless build machine may have none). Upper-case letters, digits and {@code : . - / #} and
 * space; a glyph cell is 5 dots wide and 7 high, and one dot of space follows each character.
 */
final class DotFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;
    /** Dots from one character's left edge to the next one's. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    /** Each glyph: 7 rows of 5 bits packed top row first ({@link #rows}); bit 4 of a row is its leftmost dot. */
    private static final Map<Character, Long> GLYPHS = Map.ofEntries(
            Map.entry('0', rows(0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E)),
            Map.entry('1', rows(0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E)),
            Map.entry('2', rows(0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F)),
            Map.entry('3', rows(0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E)),
            Map.entry('4', rows(0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02)),
            Map.entry('5', rows(0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E)),
            Map.entry('6', rows(0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E)),
            Map.entry('7', rows(0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08)),
            Map.entry('8', rows(0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E)),
            Map.entry('9', rows(0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C)),
            Map.entry('A', rows(0x0E, 0x11, 0x11, 0x11, 0x1F, 0x11, 0x11)),
            Map.entry('B', rows(0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E)),
            Map.entry('C', rows(0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E)),
            Map.entry('D', rows(0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C)),
            Map.entry('E', rows(0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F)),
            Map.entry('F', rows(0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10)),
            Map.entry('G', rows(0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F)),
            Map.entry('H', rows(0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11)),
            Map.entry('I', rows(0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E)),
            Map.entry('J', rows(0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C)),
            Map.entry('K', rows(0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11)),
            Map.entry('L', rows(0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F)),
            Map.entry('M', rows(0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11)),
            Map.entry('N', rows(0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11)),
            Map.entry('O', rows(0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E)),
            Map.entry('P', rows(0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10)),
            Map.entry('Q', rows(0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D)),
            Map.entry('R', rows(0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11)),
            Map.entry('S', rows(0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E)),
            Map.entry('T', rows(0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04)),
            Map.entry('U', rows(0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E)),
            Map.entry('V', rows(0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04)),
            Map.entry('W', rows(0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A)),
            Map.entry('X', rows(0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11)),
            Map.entry('Y', rows(0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04)),
            Map.entry('Z', rows(0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F)),
            Map.entry(':', rows(0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00)),
            Map.entry('.', rows(0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C)),
            Map.entry('-', rows(0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00)),
            Map.entry('/', rows(0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00)),
            Map.entry('#', rows(0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A)),
            Map.entry(' ', rows(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)));

    private DotFont() {
    }

    /** Packs 7 rows of 5 dots, top row in the highest bits. */
    private static long rows(int... rows) {
        if (rows.length != GLYPH_HEIGHT) {
            throw new IllegalArgumentException("a glyph has " + GLYPH_HEIGHT + " rows: " + rows.length);
        }
        long packed = 0;
        for (int row : rows) {
            packed = packed << GLYPH_WIDTH | (row & 0x1F);
        }
        return packed;
    }

    /** True when {@code c} (in either case) has a glyph. */
    static boolean canDraw(char c) {
        return GLYPHS.containsKey(Character.toUpperCase(c));
    }

    /** Width in pixels of {@code text} at {@code dot} pixels per dot, without trailing space. */
    static int width(String text, int dot) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * dot;
    }

    /** Height in pixels of one line at {@code dot} pixels per dot. */
    static int height(int dot) {
        return GLYPH_HEIGHT * dot;
    }

    /**
     * Draws {@code text} (letters in either case) with its top-left corner at (x, y), in the
     * graphics' current colour, each dot a {@code dot} x {@code dot} square.
     *
     * @throws IllegalArgumentException for a character without a glyph
     */
    static void draw(Graphics2D g, String text, int x, int y, int dot) {
        if (dot < 1) {
            throw new IllegalArgumentException("dot size must be >= 1: " + dot);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            Long rows = GLYPHS.get(upper.charAt(i));
            if (rows == null) {
                throw new IllegalArgumentException("no glyph for '" + text.charAt(i) + "' in \"" + text + "\"");
            }
            drawGlyph(g, rows, x + i * ADVANCE * dot, y, dot);
        }
    }

    /** One rectangle per horizontal run of dots in a row: fewer fills than one per dot. */
    private static void drawGlyph(Graphics2D g, long rows, int x, int y, int dot) {
        for (int row = 0; row < GLYPH_HEIGHT; row++) {
            int bits = (int) (rows >>> (GLYPH_WIDTH * (GLYPH_HEIGHT - 1 - row))) & 0x1F;
            int col = 0;
            while (col < GLYPH_WIDTH) {
                if ((bits & (1 << (GLYPH_WIDTH - 1 - col))) == 0) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < GLYPH_WIDTH && (bits & (1 << (GLYPH_WIDTH - 1 - col))) != 0) {
                    col++;
                }
                g.fillRect(x + start * dot, y + row * dot, (col - start) * dot, dot);
            }
        }
    }
}
