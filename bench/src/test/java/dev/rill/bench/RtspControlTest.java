package dev.rill.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's RTSP connection against a scripted server on loopback: the hand-off loses no byte. */
class RtspControlTest {

    private ServerSocket listener;
    private RtspControl control;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        if (control != null) {
            control.close();
        }
        listener.close();
    }

    @Test
    void afterTheHandOffTheParserGetsThePacketsThatCameWithThePlayResponseAndLaterResponses() throws Exception {
        byte[] first = frame(1);
        byte[] second = frame(2);
        byte[] split = concat(first, Arrays.copyOf(second, 5)); // the second packet cut in its header
        List<String> requests = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> serve(requests, split, Arrays.copyOfRange(second, 5, second.length)));
        List<String> events = new CopyOnWriteArrayList<>();
        control = RtspControl.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                TimeUnit.SECONDS.toNanos(5), 0, 0, recorder(events));

        assertEquals(200, control.request(RtspMethod.PLAY, "rtsp://127.0.0.1/clip", RtspHeaders.SESSION, "42")
                .response().status().code());
        control.handOff();
        control.send(RtspMethod.TEARDOWN, "rtsp://127.0.0.1/clip", RtspHeaders.SESSION, "42");
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            buffer.clear();
            control.channel().read(buffer);
            control.parser().feed(buffer.flip());
            return events.size() == 3;
        });

        assertEquals(List.of("rtp 1", "rtp 2", "response 200 cseq 2"), events);
        assertEquals("TEARDOWN rtsp://127.0.0.1/clip RTSP/1.0\r\nCSeq: 2\r\nSession: 42\r\nUser-Agent: rill-bench\r\n\r\n",
                requests.get(1));
    }

    /** PLAY: its response and {@code after} in one write; TEARDOWN: {@code rest}, then its response. */
    private void serve(List<String> requests, byte[] after, byte[] rest) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            requests.add(head(in));
            out.write(concat("RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 42\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), after));
            requests.add(head(in));
            out.write(concat(rest, "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            while (in.read() >= 0) {
                // held open until the client closes
            }
        } catch (IOException e) {
            // the test ended
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] frame(int sequence) {
        return new InterleavedFrame(0, new RtpPacket(true, 26, sequence, 90_000L * sequence, 7, new byte[20]).encode())
                .encode();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static InterleavedParser.Listener recorder(List<String> events) {
        return new InterleavedParser.Listener() {
            @Override
            public void rtp(int sequence, boolean marker, int timestamp) {
                events.add("rtp " + sequence);
            }

            @Override
            public void otherFrame(int channel, int length) {
                events.add("frame " + channel);
            }

            @Override
            public void response(RtspResponse response) {
                events.add("response " + response.status().code() + " cseq " + response.cseq().orElse(-1));
            }
        };
    }
}
