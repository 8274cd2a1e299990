package dev.rill.wire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a scripted server on loopback: what it writes, what it takes as the answer. */
class RtspClientTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {true, false})
    void aRequestGetsTheResponseWithItsCSeqNotAStaleOne(boolean readerThread) throws Exception {
        FakeServer server = server(peer -> {
            peer.record(peer.readHead());
            peer.write("RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\nRTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, PLAY\r\n\r\n");
        });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD).withUserAgent("test")
                .withReaderThread(readerThread));

        RtspResponse response = client.request(RtspMethod.OPTIONS, "*");

        assertEquals("OPTIONS, PLAY", response.headers().first("Public").orElseThrow());
        assertEquals("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: test\r\n\r\n", server.nextRequest());
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {true, false})
    void interleavedFramesAroundAResponseGoToTheListener(boolean readerThread) throws Exception {
        FakeServer server = server(peer -> {
            peer.readHead();
            peer.write("$\0\0\3abcRTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 42\r\n\r\n$\1\0\2xy");
        });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD).withReaderThread(readerThread));
        List<InterleavedFrame> frames = new CopyOnWriteArrayList<>();
        client.onInterleaved(frames::add);

        assertEquals(200, client.request(RtspMethod.PLAY, "rtsp://127.0.0.1/clip", "Session", "42").status().code());

        await().atMost(WITHIN).until(() -> frames.size() == 2);
        assertEquals(new InterleavedFrame(0, "abc".getBytes(StandardCharsets.ISO_8859_1)), frames.get(0));
        assertEquals(new InterleavedFrame(1, "xy".getBytes(StandardCharsets.ISO_8859_1)), frames.get(1));
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {true, false})
    void aClassicReplyWithoutItsBlankLineIsCompleteAfterTheGrace(boolean readerThread) throws Exception {
        String request = "SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000\r\n";
        String reply = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 123456\r\n";
        FakeServer server = server(peer -> {
            peer.record(peer.readExactly(request.length()));
            peer.write(reply);
        });
        // A grace longer than the reader thread's poll, which must not cut it short.
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.CLASSIC_CRLF)
                .withClassicGrace(Duration.ofMillis(300)).withReaderThread(readerThread));

        RtspClient.Reply answer = assertTimeoutPreemptively(WITHIN, () -> client.exchange(RtspMethod.SETUP, "movie.Mjpeg",
                "Transport", "RTP/UDP; client_port= 25000"));

        assertEquals(request, server.nextRequest(), "the course's Java client: CRLF, no blank line, no User-Agent");
        assertEquals(reply, answer.text());
        assertEquals("123456", client.session().orElseThrow());
    }

    @Test
    void thePythonFormEndsItsLastLineWithNothingAndAReplyEndedByTheCloseCounts() throws Exception {
        String request = "PLAY movie.Mjpeg RTSP/1.0\nCSeq: 1\nSession: 123456";
        FakeServer server = server(peer -> {
            peer.record(peer.readExactly(request.length()));
            peer.write("RTSP/1.0 200 OK\nCSeq: 1\nSession: 123456");
            peer.close();
        });
        // A grace longer than the wait: only the close can complete the reply.
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.CLASSIC_LF)
                .withClassicGrace(Duration.ofSeconds(30)).withReaderThread(false));

        RtspClient.Reply answer = assertTimeoutPreemptively(WITHIN,
                () -> client.exchange(RtspMethod.PLAY, "movie.Mjpeg", "Session", "123456"));

        assertEquals(request, server.nextRequest());
        assertEquals("RTSP/1.0 200 OK\nCSeq: 1\nSession: 123456", answer.text());
        assertEquals(200, answer.response().status().code());
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {true, false})
    void noReplyFailsOnceTheTimeoutHasPassed(boolean readerThread) throws Exception {
        FakeServer server = server(peer -> peer.record(peer.readHead()));
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD)
                .withTimeout(Duration.ofMillis(300)).withReaderThread(readerThread));

        SocketTimeoutException e = assertTimeoutPreemptively(WITHIN,
                () -> assertThrows(SocketTimeoutException.class, () -> client.request(RtspMethod.OPTIONS, "*")));

        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertTrue(client.isOpen(), "a late server is not a closed one");
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {true, false})
    void aServerThatClosesEndsTheWaitAndIsReported(boolean readerThread) throws Exception {
        FakeServer server = server(peer -> {
            peer.readHead();
            peer.close();
        });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD).withReaderThread(readerThread));
        List<String> reasons = new CopyOnWriteArrayList<>();
        client.onClosed(reasons::add);

        IOException e = assertTimeoutPreemptively(WITHIN,
                () -> assertThrows(IOException.class, () -> client.request(RtspMethod.OPTIONS, "*")));

        assertFalse(e instanceof SocketTimeoutException, e.toString());
        await().atMost(WITHIN).until(() -> reasons.equals(List.of("the server closed the connection")));
        assertFalse(client.isOpen());
    }

    @Test
    void detachHandsOnEveryByteReadPastTheLastResponse() throws Exception {
        byte[] after = "$\0\0\3abc$\1\0\5xy".getBytes(StandardCharsets.ISO_8859_1); // one frame and the start of another
        FakeServer server = server(peer -> {
            peer.readHead();
            peer.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n" + new String(after, StandardCharsets.ISO_8859_1));
        });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD).withReaderThread(false));
        List<InterleavedFrame> frames = new CopyOnWriteArrayList<>();
        client.onInterleaved(frames::add);
        client.request(RtspMethod.PLAY, "rtsp://127.0.0.1/clip");

        RtspClient.Detached detached = client.detach();

        assertFalse(detached.channel().isBlocking());
        assertThrows(IllegalStateException.class, () -> client.request(RtspMethod.OPTIONS, "*"));
        // What the client passed on, then what it left unread, then what is still in the socket:
        // together exactly the bytes after the response, however the reads split them.
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        for (InterleavedFrame f : frames) {
            seen.writeBytes(f.encode());
        }
        seen.writeBytes(detached.unread());
        ByteBuffer rest = ByteBuffer.allocate(64);
        await().atMost(WITHIN).until(() -> {
            detached.channel().read(rest);
            return seen.size() + rest.position() >= after.length;
        });
        seen.write(rest.array(), 0, rest.position());
        assertArrayEquals(after, seen.toByteArray());
    }

    @Test
    void detachIsRefusedWhileAReaderThreadOwnsTheConnection() throws Exception {
        FakeServer server = server(peer -> { });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD));

        assertThrows(IllegalStateException.class, client::detach);
    }

    @Test
    void aRequestFromTheServerIsAnswered501() throws Exception {
        FakeServer server = server(peer -> {
            peer.write("OPTIONS * RTSP/1.0\r\nCSeq: 5\r\n\r\n");
            peer.record(peer.readHead());
        });
        connect(server, RtspClientOptions.of(RequestStyle.STANDARD));

        assertEquals("RTSP/1.0 501 Not Implemented\r\nCSeq: 5\r\n\r\n", server.nextRequest());
    }

    @Test
    void theExchangeLogShowsBothDirectionsAsTheyWent() throws Exception {
        FakeServer server = server(peer -> {
            peer.readHead();
            peer.write("\r\nRTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        });
        List<String> log = new CopyOnWriteArrayList<>();
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD).withUserAgent("")
                .withExchangeLog(log::add));

        client.request(RtspMethod.OPTIONS, "*");

        assertEquals(List.of("C→S\nOPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", "S→C\nRTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"), log);
    }

    @Test
    void theSessionIdIsTrackedUntilTeardown() throws Exception {
        FakeServer server = server(peer -> {
            peer.readHead();
            peer.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 0A1B2C;timeout=60\r\n\r\n");
            peer.readHead();
            peer.write("RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n");
        });
        RtspClient client = connect(server, RtspClientOptions.of(RequestStyle.STANDARD));

        client.request(RtspMethod.SETUP, "rtsp://127.0.0.1/clip/trackID=0", "Transport", "RTP/AVP/TCP;interleaved=0-1");
        assertEquals("0A1B2C", client.session().orElseThrow());
        client.request(RtspMethod.TEARDOWN, "rtsp://127.0.0.1/clip", "Session", "0A1B2C");
        assertTrue(client.session().isEmpty());
    }

    @Test
    void badOptionsAndUrlsOfAnotherSchemeAreRefused() {
        RtspClientOptions options = RtspClientOptions.of(RequestStyle.STANDARD);
        assertThrows(IllegalArgumentException.class, () -> RtspClient.connect(URI.create("http://127.0.0.1/x"), options));
        assertThrows(IllegalArgumentException.class, () -> options.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> options.withUserAgent("a\r\nb"));
    }

    @Test
    void aConnectionRefusedNamesTheServer() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, LOOPBACK)) {
            port = gone.getLocalPort();
        }
        IOException e = assertThrows(IOException.class,
                () -> RtspClient.connect("127.0.0.1", port, RtspClientOptions.of(RequestStyle.STANDARD)));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }

    private FakeServer server(Script script) throws IOException {
        FakeServer server = new FakeServer();
        open.add(server);
        return server.start(script);
    }

    private RtspClient connect(FakeServer server, RtspClientOptions options) throws IOException {
        RtspClient client = RtspClient.connect(URI.create("rtsp://127.0.0.1:" + server.port() + "/"), options);
        open.add(client);
        return client;
    }

    private interface Script {
        void run(Peer peer) throws IOException;
    }

    /** The server's end of the one connection, for scripts. */
    private static final class Peer {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final BlockingQueue<String> requests;

        Peer(Socket socket, BlockingQueue<String> requests) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.requests = requests;
        }

        /** Up to and with the blank line. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head);
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        String readExactly(int length) throws IOException {
            return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }

        void record(String request) {
            requests.add(request);
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void close() throws IOException {
            socket.close();
        }
    }

    /** Accepts one connection on loopback port 0 and runs a script on it, then holds it until the client closes. */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, LOOPBACK);
        private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

        FakeServer() throws IOException {
        }

        FakeServer start(Script script) {
            Thread.ofVirtual().name("fake-rtsp-server").start(() -> serve(script));
            return this;
        }

        int port() {
            return listener.getLocalPort();
        }

        /** The next request the script recorded, waiting at most 5 s. */
        String nextRequest() throws InterruptedException {
            String request = requests.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the server recorded no request");
            }
            return request;
        }

        private void serve(Script script) {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(10_000);
                script.run(new Peer(socket, requests));
                while (socket.getInputStream().read() >= 0) {
                    // held open until the client closes
                }
            } catch (IOException e) {
                // the script closed the connection, or the test ended
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
