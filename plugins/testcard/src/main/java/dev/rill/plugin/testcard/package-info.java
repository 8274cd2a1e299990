/**
 * The test card: a live source of test pictures, for trying a player or a network without media.
 *
 * <ul>
 *   <li>{@link dev.rill.plugin.testcard.TestCardProvider} ({@code "type": "testcard"}) opens a
 *       {@code TestCard} from a {@link dev.rill.plugin.testcard.TestCardConfig}.</li>
 *   <li>{@code TestCard} is the {@link dev.rill.spi.LiveSource}: while watched, its own thread
 *       renders frame n when it is due, n / fps seconds after the card opened, and hands it to
 *       the server's sink; nothing is rendered while nobody watches.</li>
 *   <li>{@code CardRenderer} paints a {@code TestPattern} (colour bars, a moving block, the
 *       frame's wall-clock time and number) and encodes it with {@code JpegEncoder}: ImageIO's
 *       baseline 4:2:0 JPEG with the standard Huffman tables, which RFC 2435 carries as is.</li>
 *   <li>{@code DotFont} draws text as rectangles: no system font is needed.</li>
 * </ul>
 */
package dev.rill.plugin.testcard;
