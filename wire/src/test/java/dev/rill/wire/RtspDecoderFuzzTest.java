package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The RTSP decoder on hostile bytes: requests, responses and {@code $} frames mixed. Only
 * {@link RtspParseException} may come out; the messages and the refusal do not depend on how the
 * bytes are split between feeds; and every decoded message re-encodes to bytes that decode to an
 * equal message. Seeds: {@code RtspDecoderFuzzTestInputs/}, written by {@link FuzzSeedsWriter}.
 */
class RtspDecoderFuzzTest {

    /** Inputs larger than this may pile up untaken messages when fed whole, which is refused by design. */
    private static final int MAX_COMPARED = 60_000;

    @FuzzTest
    void decode(byte[] input) {
        Outcome whole = run(input, List.of(input.length));
        whole.messages().forEach(RtspDecoderFuzzTest::reencodes);
    }

    /** The last 8 bytes seed the chunk sizes: each up to 1..64 bytes, so sometimes a byte at a time. */
    @FuzzTest
    void decodeInChunks(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_COMPARED) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> chunks = new ArrayList<>();
        int bound = 1 + random.nextInt(64);
        for (int left = input.length; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(bound));
            chunks.add(n);
            left -= n;
        }
        assertEquals(run(input, List.of(input.length)), run(input, chunks), "outcome depends on the split");
    }

    /** What a decoder made of the bytes: its messages in order, then the status it refused with (0 for none). */
    record Outcome(List<RtspMessage> messages, int refusal) {
    }

    private static Outcome run(byte[] input, List<Integer> chunks) {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        List<RtspMessage> messages = new ArrayList<>();
        int offset = 0;
        try {
            for (int n : chunks) {
                decoder.feed(input, offset, n);
                offset += n;
                drain(decoder, messages, input.length);
            }
            drain(decoder, messages, input.length);
            assertTrue(decoder.buffered() <= input.length, "buffers more than it was fed");
            return new Outcome(messages, 0);
        } catch (RtspParseException e) {
            int code = e.status().code();
            assertTrue(code == 400 || code == 413 || code == 414 || code == 505, "unexpected status " + code);
            return new Outcome(messages, code);
        }
    }

    private static void drain(RtspDecoder decoder, List<RtspMessage> into, int bound) throws RtspParseException {
        // Every message takes at least one byte: more messages than bytes is a loop.
        for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
            into.add(m.get());
            assertTrue(into.size() <= bound, "more messages than bytes");
        }
    }

    /** Encoding rewrites Content-Length from the body (05 becomes 5, and it moves last): compare without it. */
    private static RtspMessage withoutLength(RtspMessage message) {
        return switch (message) {
            case RtspRequest r -> new RtspRequest(r.method(), r.target(), r.version(),
                    r.headers().without(RtspHeaders.CONTENT_LENGTH), r.body());
            case RtspResponse r -> new RtspResponse(r.version(), r.status(), r.headers().without(RtspHeaders.CONTENT_LENGTH),
                    r.body());
            case InterleavedFrame f -> f;
        };
    }

    private static void reencodes(RtspMessage message) {
        byte[] bytes = switch (message) {
            case RtspRequest r -> r.encode();
            case RtspResponse r -> r.encode();
            case InterleavedFrame f -> f.encode();
        };
        RtspDecoder again = new RtspDecoder(RtspLimits.DEFAULT);
        try {
            again.feed(bytes, 0, bytes.length);
            assertEquals(Optional.of(withoutLength(message)), again.next().map(RtspDecoderFuzzTest::withoutLength),
                    "re-encoded message decodes differently");
        } catch (RtspParseException e) {
            throw new AssertionError("re-encoded " + message + " refused: " + e.getMessage(), e);
        }
    }
}
