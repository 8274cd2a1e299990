package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.server.tcp.DirectSend;
import dev.rill.server.tcp.TcpSends;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interleaved media sent by the offering thread itself (Linux, Java 22+) on a real loopback TCP
 * connection: the offering thread never waits for a reader that does not read, what the socket
 * could not take is finished before anything else, so the reader gets whole {@code $} frames in
 * order (some whole blocks dropped for being late) and an RTSP response intact between them, and
 * closing the output lets the peer see the end.
 */
class DirectInterleavedSendTest {

    private static final int FRAMES_PER_BLOCK = 5;
    private static final int PAYLOAD = 1_300;
    private static final byte[] RESPONSE = "RTSP/1.0 200 OK\r\nCSeq: 9\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private TcpSends sends;

    @BeforeEach
    void needsTheNativePath() {
        boolean linux22 = System.getProperty("os.name", "").equals("Linux") && Runtime.version().feature() >= 22;
        Assumptions.assumeTrue(linux22, "direct sends need Linux and Java 22+; this is "
                + System.getProperty("os.name") + ", Java " + Runtime.version().feature());
        sends = TcpSends.choose(true);
    }

    /** Block {@code index}: five {@code $} frames on channel 0, each payload stamped with the block and frame number. */
    private static ByteBuffer[] block(int index) {
        ByteBuffer[] buffers = new ByteBuffer[2 * FRAMES_PER_BLOCK];
        for (int f = 0; f < FRAMES_PER_BLOCK; f++) {
            buffers[2 * f] = ByteBuffer.allocate(4).put((byte) '$').put((byte) 0).putShort((short) PAYLOAD).flip();
            ByteBuffer payload = ByteBuffer.allocate(PAYLOAD).putInt(index).putShort((short) f);
            while (payload.hasRemaining()) {
                payload.put((byte) (index + f));
            }
            buffers[2 * f + 1] = payload.flip();
        }
        return buffers;
    }

    private static int blockLength() {
        return FRAMES_PER_BLOCK * (4 + PAYLOAD);
    }

    @Test
    void theOfferingThreadNeverWaitsAndTheReaderGetsWholeFramesInOrder() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress()); SocketChannel accepted = server.accept()) {
                Optional<DirectSend> direct = sends.of(accepted);
                assertTrue(direct.isPresent(), "direct sends run here (Linux, Java 22+, sun.nio.ch exported to the tests)");
                InterleavedOutput output = new InterleavedOutput(accepted.socket().getOutputStream(), Optional.of(accepted),
                        direct, "direct");
                output.openDirect();
                // 6,000 blocks of 6.5 KB (39 MB) while nobody reads: far more than the kernel's
                // buffers and the queue hold, so the offers go direct, then partly, then queued and dropped.
                int blocks = 6_000;
                CompletableFuture<Void> offering = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < blocks; i++) {
                        output.offer(block(i), blockLength());
                    }
                });
                await().atMost(Duration.ofSeconds(60)).until(offering::isDone);
                offering.get();
                assertTrue(output.directBlocks() > 0, "some blocks left on the offering thread");
                assertTrue(output.dropped() > 0, "a reader that reads nothing loses whole blocks");
                // A response from the connection's thread waits for room, after the rest of a block begun.
                CompletableFuture<Void> response = CompletableFuture.runAsync(() -> {
                    try {
                        output.writeNow(RESPONSE);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                output.offer(block(blocks), blockLength());

                DataInputStream in = new DataInputStream(client.socket().getInputStream());
                int last = -1;
                int lastFrame = FRAMES_PER_BLOCK - 1;
                int blocksRead = 0;
                boolean responseSeen = false;
                while (last != blocks || lastFrame != FRAMES_PER_BLOCK - 1) {
                    int first = in.readUnsignedByte();
                    if (first == 'R') {
                        byte[] rest = new byte[RESPONSE.length - 1];
                        in.readFully(rest);
                        assertArrayEquals(java.util.Arrays.copyOfRange(RESPONSE, 1, RESPONSE.length), rest, "the response, whole");
                        assertEquals(FRAMES_PER_BLOCK - 1, lastFrame, "a response only between blocks");
                        responseSeen = true;
                        continue;
                    }
                    assertEquals('$', first, "a frame starts with '$' after block " + last + " frame " + lastFrame);
                    assertEquals(0, in.readUnsignedByte());
                    assertEquals(PAYLOAD, in.readUnsignedShort());
                    int index = in.readInt();
                    int frame = in.readUnsignedShort();
                    byte[] filler = new byte[PAYLOAD - 6];
                    in.readFully(filler);
                    for (byte b : filler) {
                        assertEquals((byte) (index + frame), b, "block " + index + " frame " + frame + " intact");
                    }
                    if (frame == 0) {
                        assertEquals(FRAMES_PER_BLOCK - 1, lastFrame, "block " + last + " was whole before block " + index);
                        assertTrue(index > last, "blocks in order: " + index + " after " + last);
                        blocksRead++;
                    } else {
                        assertEquals(last, index);
                        assertEquals(lastFrame + 1, frame);
                    }
                    last = index;
                    lastFrame = frame;
                }
                response.get();
                if (!responseSeen) {
                    // It took the socket after the last block.
                    assertArrayEquals(RESPONSE, in.readNBytes(RESPONSE.length), "the response, whole, after the last block");
                }
                assertTrue(blocksRead < blocks + 1 && blocksRead > 100, blocksRead + " whole blocks read");
                output.close();
            }
        }
    }

    @Test
    void closingTheOutputLetsThePeerSeeTheEnd() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                SocketChannel accepted = server.accept();
                InterleavedOutput output = new InterleavedOutput(accepted.socket().getOutputStream(), Optional.of(accepted),
                        sends.of(accepted), "direct");
                output.openDirect();
                output.offer(block(0), blockLength());
                InputStream in = client.socket().getInputStream();
                assertEquals(blockLength(), in.readNBytes(blockLength()).length);
                assertEquals(1, output.directBlocks(), "sent by the offering thread");
                // The connection closes its output, then its socket: no copy of the socket is left open.
                output.close();
                accepted.close();
                client.socket().setSoTimeout(20_000);
                assertEquals(-1, in.read(), "end of stream");
                output.offer(block(1), blockLength());
                assertEquals(1, output.directBlocks(), "nothing is sent after close");
            }
        } catch (EOFException e) {
            throw new AssertionError("the stream ended early", e);
        }
    }
}
