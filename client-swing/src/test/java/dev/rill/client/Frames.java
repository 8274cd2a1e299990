package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.BiPredicate;

/** Comparisons of received frames with the source's, decoded with the player's own decoder. */
final class Frames {

    private Frames() {
    }

    /** True when both JPEGs decode to pictures of one size whose channels differ by at most {@code tolerance}. */
    static boolean samePicture(byte[] a, byte[] b, int tolerance) {
        BufferedImage x = Pictures.decode(a).orElseThrow(() -> new AssertionError("cannot decode a frame"));
        BufferedImage y = Pictures.decode(b).orElseThrow(() -> new AssertionError("cannot decode a frame"));
        if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
            return false;
        }
        int[] p = x.getRGB(0, 0, x.getWidth(), x.getHeight(), null, 0, x.getWidth());
        int[] q = y.getRGB(0, 0, y.getWidth(), y.getHeight(), null, 0, y.getWidth());
        for (int i = 0; i < p.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs(((p[i] >> shift) & 0xFF) - ((q[i] >> shift) & 0xFF)) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Asserts that every received frame matches a source frame, in order, each after the one
     * before (a late frame may be missing, none may come twice or out of order); returns the
     * source index of the first.
     */
    static int assertInOrder(List<byte[]> source, List<byte[]> received, BiPredicate<byte[], byte[]> same) {
        int cursor = 0;
        int first = -1;
        for (int i = 0; i < received.size(); i++) {
            int match = -1;
            for (int j = cursor; j < source.size(); j++) {
                if (same.test(source.get(j), received.get(i))) {
                    match = j;
                    break;
                }
            }
            if (match < 0) {
                fail("received frame " + (i + 1) + " matches no source frame at or after " + (cursor + 1));
            }
            if (first < 0) {
                first = match;
            }
            cursor = match + 1;
        }
        return first;
    }

    /** Byte equality, for the classic dialect, which carries the file's JPEGs unchanged. */
    static boolean sameBytes(byte[] a, byte[] b) {
        return java.util.Arrays.equals(a, b);
    }

    static void assertSameBytes(byte[] expected, byte[] actual) {
        assertArrayEquals(expected, actual);
    }
}
