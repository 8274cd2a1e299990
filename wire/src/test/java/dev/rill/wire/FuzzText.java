package dev.rill.wire;

import java.nio.charset.StandardCharsets;

/** Fuzz input as a header value: ISO-8859-1, one char per byte, as {@link RtspDecoder} hands values on. */
final class FuzzText {

    private FuzzText() {
    }

    static String headerValue(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }
}
