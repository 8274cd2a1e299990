package dev.rill.plugin.httpmjpeg;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A chunked response body into {@link ChunkedInputStream}: it gives out at most the bytes it was
 * given and ends in -1 or an {@link IOException}, never another exception; and a body chunked
 * any way (sizes, extensions, case of the hex digits) reads back unchanged.
 */
class ChunkedInputStreamFuzzTest {

    /**
     * Input layout: byte 0 the most bytes one read of the socket returns (0: all), byte 1 the
     * buffer size the reader asks for (0: 8 KiB), then the body as sent. Seeds: {@link FuzzSeedWriter}.
     */
    @FuzzTest
    void read(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int chunk = input[0] == 0 ? Integer.MAX_VALUE : input[0] & 0xFF;
        byte[] buffer = new byte[input[1] == 0 ? 8192 : input[1] & 0xFF];
        ChunkedInputStream in = new ChunkedInputStream(new ChunkingInputStream(input, 2, chunk));
        long total = 0;
        try {
            for (int reads = 0; reads <= input.length; reads++) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return;
                }
                assertTrue(n > 0 && n <= buffer.length);
                total += n;
                assertTrue(total <= input.length - 2, "more bytes out than in");
            }
        } catch (IOException refused) {
            return;
        }
        fail("more reads than bytes: reads that return nothing");
    }

    @FuzzTest
    void roundTrip(FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (data.remainingBytes() > 0 && data.consumeBoolean()) {
            int size = data.consumeInt(1, 4096);
            String hex = Integer.toHexString(size);
            hex = data.consumeBoolean() ? hex.toUpperCase() : hex;
            String extension = data.consumeBoolean() ? ";name=" + data.consumeAsciiString(16).replaceAll("[\r\n]", "") : "";
            byte[] bytes = Arrays.copyOf(data.consumeBytes(size), size);
            wire.writeBytes((hex + extension + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            wire.writeBytes(bytes);
            wire.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(bytes);
        }
        wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] sent = wire.toByteArray();
        int chunk = data.consumeInt(1, 1 << 16);
        try (ChunkedInputStream in = new ChunkedInputStream(new ChunkingInputStream(sent, 0, chunk))) {
            assertArrayEquals(body.toByteArray(), in.readAllBytes());
            assertEquals(-1, in.read());
        }
    }
}
