package dev.rill.plugin.httpmjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A camera's multipart body into {@link MultipartReader}: parts within the limit, oversized parts
 * counted past it, every call consuming input so the stream ends in an {@link EOFException} or a
 * bounded {@link IOException}, never a hang or another exception.
 *
 * <p>Input layout: byte 0 the most bytes one read of the socket returns (0: 64 KiB), bytes 1..2
 * the part limit less one (big-endian), byte 3 the boundary ({@link #BOUNDARIES}), then the
 * stream as the camera sends it. Seeds: {@link FuzzSeedWriter}.
 */
class MultipartReaderFuzzTest {

    /** Boundaries cameras use (Axis "myboundary", ESP32 and mjpg-streamer ones, a long random-looking one). */
    static final String[] BOUNDARIES = {"frame", "myboundary", "123456789000000000000987654321", "--ThisRandomString"};
    static final int HEADER_BYTES = 4;

    @FuzzTest
    void read(byte[] input) {
        if (input.length < HEADER_BYTES) {
            return;
        }
        int chunk = input[0] == 0 ? MultipartReader.BUFFER_BYTES : input[0] & 0xFF;
        int maxPartBytes = 1 + ((input[1] & 0xFF) << 8 | (input[2] & 0xFF));
        String boundary = BOUNDARIES[(input[3] & 0xFF) % BOUNDARIES.length];
        MultipartReader reader = new MultipartReader(new ChunkingInputStream(input, HEADER_BYTES, chunk), boundary,
                maxPartBytes);
        int streamBytes = input.length - HEADER_BYTES;
        for (int parts = 0; parts <= streamBytes; parts++) {
            MultipartReader.Part part;
            try {
                part = reader.next();
            } catch (IOException ended) {
                return;   // EOFException, or a bound passed: the documented ends
            }
            switch (part) {
                case MultipartReader.Part.Body body -> assertTrue(body.bytes().length <= maxPartBytes,
                        () -> "a body of " + body.bytes().length + " bytes over the limit " + maxPartBytes);
                case MultipartReader.Part.Oversized oversized -> assertTrue(oversized.bytes() > maxPartBytes
                        && oversized.bytes() <= streamBytes, () -> "oversized part of " + oversized.bytes() + " bytes");
            }
        }
        fail("more parts than bytes in the stream: the reader returns parts without reading");
    }
}
