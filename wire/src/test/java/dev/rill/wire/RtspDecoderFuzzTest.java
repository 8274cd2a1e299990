package dev.rill.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

class RtspDecoderFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        try {
            decoder.feed(input, 0, input.length);
            for (int i = 0; i < 100 && decoder.next().isPresent(); i++) {
                // drain
            }
        } catch (RtspParseException expected) {
            // a clear refusal is the right answer
        }
    }
}
