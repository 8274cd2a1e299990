package dev.rill.plugin.stats;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON (RFC 8259) into a string, putting the commas in. Strings are escaped: quote,
 * backslash and control characters always, and a lone surrogate (which UTF-8 cannot carry) as a
 * {@code \}{@code uXXXX} escape. A number that JSON cannot hold (NaN, infinite) is written as
 * {@code null}. Not thread-safe; one writer per document.
 */
final class JsonWriter {

    private static final String HEX = "0123456789abcdef";

    private final StringBuilder out = new StringBuilder(512);
    /** Per open object or array: true until its first member is written. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** A member's name; its value comes next. */
    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        string(value);
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    JsonWriter value(double value) {
        separate();
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** The document; every object and array must be closed. */
    String text() {
        if (!first.isEmpty()) {
            throw new IllegalStateException(first.size() + " object(s) or array(s) left open");
        }
        return out.toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        out.append(bracket);
        first.push(true);
        return this;
    }

    private JsonWriter close(char bracket) {
        if (first.isEmpty()) {
            throw new IllegalStateException("nothing open to close with " + bracket);
        }
        first.pop();
        out.append(bracket);
        return this;
    }

    /** A comma before every member but the first, none between a name and its value. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (!first.pop()) {
                out.append(',');
            }
            first.push(false);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || loneSurrogate(s, i)) {
                        unicodeEscape(c);
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(s.charAt(++i));   // the pair's low half, checked by loneSurrogate
                        }
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }

    private void unicodeEscape(char c) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(HEX.charAt(c >> shift & 0xF));
        }
    }
}
