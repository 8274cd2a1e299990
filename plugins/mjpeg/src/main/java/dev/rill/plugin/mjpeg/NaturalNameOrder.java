package dev.rill.plugin.mjpeg;

import java.util.Comparator;

/**
 * File names in the order people number frames: runs of digits compare by their value
 * ({@code frame2.jpg} before {@code frame10.jpg}), everything else character by character
 * ignoring case. Names that still tie ({@code f01} and {@code f1}, {@code A} and {@code a}) fall
 * back to plain {@link String#compareTo}, so the order is total and repeatable. Digit runs of any
 * length compare correctly: they are compared as text once leading zeros are dropped, never
 * converted to a number.
 */
final class NaturalNameOrder implements Comparator<String> {

    static final NaturalNameOrder INSTANCE = new NaturalNameOrder();

    private NaturalNameOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        // Each pass consumes at least one character of both names.
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareDigits(a, i, endA, b, j, endB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(fold(x), fold(y));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Boolean.compare(i < a.length(), j < b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    /** Compares two runs of ASCII digits by value. */
    private static int compareDigits(String a, int fromA, int endA, String b, int fromB, int endB) {
        int startA = skipZeros(a, fromA, endA);
        int startB = skipZeros(b, fromB, endB);
        int byLength = Integer.compare(endA - startA, endB - startB);
        if (byLength != 0) {
            return byLength;
        }
        for (int k = 0; k < endA - startA; k++) {
            int byDigit = Character.compare(a.charAt(startA + k), b.charAt(startB + k));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipZeros(String s, int from, int end) {
        int start = from;
        while (start < end - 1 && s.charAt(start) == '0') {
            start++;
        }
        return start;
    }

    /** ASCII digits only: other Unicode digits compare as ordinary characters. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
