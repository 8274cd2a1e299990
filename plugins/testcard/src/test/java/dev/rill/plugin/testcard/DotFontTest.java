package dev.rill.plugin.testcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DotFontTest {

    @Test
    void everyCharacterTheCardShowsHasAGlyph() {
        String shown = TestPattern.TITLE + "0123456789:.FRAME #";
        for (char c : shown.toCharArray()) {
            assertTrue(DotFont.canDraw(c), "no glyph for '" + c + "'");
        }
    }

    @Test
    void widthCountsOneDotOfSpaceBetweenCharacters() {
        assertEquals(0, DotFont.width("", 3));
        assertEquals(5 * 3, DotFont.width("8", 3));
        assertEquals((5 + 1 + 5) * 3, DotFont.width("88", 3));
        assertEquals(7 * 3, DotFont.height(3));
    }

    @Test
    void drawsOnlyInsideItsBox() {
        BufferedImage picture = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        DotFont.draw(g, "H8", 2, 3, 2);
        g.dispose();
        int lit = 0;
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                boolean on = (picture.getRGB(x, y) & 0xFFFFFF) != 0;
                if (on) {
                    lit++;
                    assertTrue(x >= 2 && x < 2 + DotFont.width("H8", 2) && y >= 3 && y < 3 + DotFont.height(2),
                            "dot outside the text at " + x + "," + y);
                }
            }
        }
        // 'H' has 17 dots and '8' has 17; each dot is 2x2 pixels.
        assertEquals((17 + 17) * 4, lit);
    }

    @Test
    void refusesACharacterWithoutAGlyph() {
        Graphics2D g = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            assertThrows(IllegalArgumentException.class, () -> DotFont.draw(g, "a~", 0, 0, 1));
        } finally {
            g.dispose();
        }
    }
}
