package dev.rill.plugin.mjpeg;

import java.awt.Graphics2D;
import java.util.List;
import java.util.Map;

/**
 * A 5x7 pixel font drawn with filled squares, for the text of the {@link SampleClip}. The clip
 * is rendered at build time, and system fonts differ between machines (a minimal container may
 * have none, and Java2D then fails): drawing our own glyphs keeps the build independent of them
 * and the clip the same everywhere.
 */
final class BlockFont {

    /** Glyph cells: 5 columns, 7 rows, and one empty column between characters. */
    static final int COLUMNS = 5;
    static final int ROWS = 7;
    static final int ADVANCE = COLUMNS + 1;

    /** Rows top to bottom, '#' is ink. Only what the clip writes. */
    private static final Map<Character, List<String>> GLYPHS = Map.ofEntries(
            Map.entry('0', List.of(".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.")),
            Map.entry('1', List.of("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.")),
            Map.entry('2', List.of(".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####")),
            Map.entry('3', List.of("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.")),
            Map.entry('4', List.of("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.")),
            Map.entry('5', List.of("#####", "#....", "####.", "....#", "....#", "#...#", ".###.")),
            Map.entry('6', List.of("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.")),
            Map.entry('7', List.of("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...")),
            Map.entry('8', List.of(".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.")),
            Map.entry('9', List.of(".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..")),
            Map.entry(':', List.of(".....", ".##..", ".##..", ".....", ".##..", ".##..", ".....")),
            Map.entry('.', List.of(".....", ".....", ".....", ".....", ".....", ".##..", ".##..")),
            Map.entry('/', List.of(".....", "....#", "...#.", "..#..", ".#...", "#....", ".....")),
            Map.entry(' ', List.of(".....", ".....", ".....", ".....", ".....", ".....", ".....")),
            Map.entry('R', List.of("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#")),
            Map.entry('i', List.of("..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.")),
            Map.entry('l', List.of(".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.")),
            Map.entry('f', List.of("..##.", ".#..#", ".#...", "###..", ".#...", ".#...", ".#...")),
            Map.entry('r', List.of(".....", ".....", "#.##.", "##..#", "#....", "#....", "#....")),
            Map.entry('a', List.of(".....", ".....", ".###.", "....#", ".####", "#...#", ".####")),
            Map.entry('m', List.of(".....", ".....", "##.#.", "#.#.#", "#.#.#", "#...#", "#...#")),
            Map.entry('e', List.of(".....", ".....", ".###.", "#...#", "#####", "#....", ".###.")));

    private BlockFont() {
    }

    /** Width in pixels of {@code text} drawn at {@code scale} pixels per glyph pixel. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** Height in pixels of a line at {@code scale}. */
    static int height(int scale) {
        return ROWS * scale;
    }

    /**
     * Draws {@code text} with its top-left corner at (x, y) in the graphics' current paint.
     *
     * @throws IllegalArgumentException a character the font does not have
     */
    static void draw(Graphics2D g, String text, int x, int y, int scale) {
        for (int c = 0; c < text.length(); c++) {
            List<String> glyph = GLYPHS.get(text.charAt(c));
            if (glyph == null) {
                throw new IllegalArgumentException("BlockFont has no glyph for '" + text.charAt(c) + "' in \"" + text + "\"");
            }
            int left = x + c * ADVANCE * scale;
            for (int row = 0; row < ROWS; row++) {
                for (int column = 0; column < COLUMNS; column++) {
                    if (glyph.get(row).charAt(column) == '#') {
                        g.fillRect(left + column * scale, y + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
