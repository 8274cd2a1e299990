package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A block of buffers (framing and headers, then views of shared read-only payloads) reaches the
 * peer byte for byte, by a gathering write on a channel and by one copy on a stream alike, and
 * the shared payloads are not disturbed.
 */
class InterleavedOutputTest {

    /** Two {@code $} frames: 4-byte framing + 2 header bytes each, payloads off-heap and read-only. */
    private static ByteBuffer[] block(ByteBuffer payloadA, ByteBuffer payloadB) {
        ByteBuffer heads = ByteBuffer.allocate(12);
        heads.put((byte) '$').put((byte) 0).putShort((short) (2 + payloadA.limit())).put((byte) 0x80).put((byte) 26);
        heads.put((byte) '$').put((byte) 0).putShort((short) (2 + payloadB.limit())).put((byte) 0x80).put((byte) 154);
        return new ByteBuffer[] {heads.slice(0, 6), payloadA.duplicate(), heads.slice(6, 6), payloadB.duplicate()};
    }

    private static ByteBuffer payload(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (seed + i));
        }
        return b.asReadOnlyBuffer();
    }

    private static byte[] expected(ByteBuffer[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : block) {
            byte[] bytes = new byte[b.remaining()];
            b.get(b.position(), bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aGatheringWriteAndAStreamWriteSendTheSameBytes() throws Exception {
        ByteBuffer a = payload(3000, 1);
        ByteBuffer b = payload(517, 99);
        byte[] want = expected(block(a, b));
        int length = want.length;

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        InterleavedOutput copying = new InterleavedOutput(stream, "stream");
        copying.offer(block(a, b), length);
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.size() >= length);
        copying.close();
        assertArrayEquals(want, stream.toByteArray(), "one copy on a stream");

        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                InterleavedOutput gathering = new InterleavedOutput(accepted.socket().getOutputStream(),
                        Optional.of(accepted), "channel");
                gathering.offer(block(a, b), length);
                gathering.offer(block(a, b), length);
                InputStream in = client.socket().getInputStream();
                byte[] got = in.readNBytes(2 * length);
                gathering.close();
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 0, length), "first block");
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, length, 2 * length), "second block");
            }
        }
        assertArrayEquals(want, expected(block(a, b)), "the shared payloads are untouched");
    }
}
