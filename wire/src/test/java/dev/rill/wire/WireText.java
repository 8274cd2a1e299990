package dev.rill.wire;

import dev.rill.spi.RtspMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wire bytes written as text, and draining a decoder, for the codec tests. */
final class WireText {

    private WireText() {
    }

    /** The ISO-8859-1 bytes of {@code text}: one byte per char, as RTSP heads are decoded. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Every message {@code decoder} has complete now; bounded by the bytes it holds. */
    static List<RtspMessage> drain(RtspDecoder decoder) throws RtspParseException {
        List<RtspMessage> messages = new ArrayList<>();
        for (int i = 0; i <= 100_000; i++) {
            Optional<RtspMessage> next = decoder.next();
            if (next.isEmpty()) {
                return messages;
            }
            messages.add(next.get());
        }
        throw new AssertionError("decoder kept returning messages");
    }

    /** Feeds all of {@code text} at once and drains. */
    static List<RtspMessage> decode(String text) throws RtspParseException {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] b = bytes(text);
        decoder.feed(b, 0, b.length);
        return drain(decoder);
    }

    /** Feeds {@code bytes} one byte at a time, draining after each. */
    static List<RtspMessage> decodeByteAtATime(RtspDecoder decoder, byte[] bytes) throws RtspParseException {
        List<RtspMessage> messages = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes, i, 1);
            messages.addAll(drain(decoder));
        }
        return messages;
    }
}
