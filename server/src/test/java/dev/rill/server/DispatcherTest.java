package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on its own: requests handed to it directly and its replies read from what it
 * writes, with no RTSP listener. The server context it needs holds the RTP and RTCP sockets
 * (on loopback, never used here); the connection is one over a socket that was never opened.
 */
class DispatcherTest {

    @TempDir
    Path dir;
    private RtpPorts ports;
    private ServerContext context;
    private Dispatcher dispatcher;
    private RtspConnection connection;

    /** A socket that never opens: it names a peer, swallows writes and needs no file descriptor. */
    private static final class UnopenedSocket extends Socket {
        private final InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        private final InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8554);

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return peer;
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return local;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public synchronized void close() {
        }
    }

    @BeforeEach
    void start() throws Exception {
        ConfigLoader loader = ConfigLoader.ofText("dispatcher-test.json", "{}");
        ServerConfig config = loader.load();
        Extensions extensions = Extensions.load(DispatcherTest.class.getClassLoader());
        MountTable mounts = MountTable.open(config, loader, extensions, dir);
        ports = RtpPorts.open("127.0.0.1", "auto", 1);
        context = new ServerContext(config, extensions, mounts, ports);
        dispatcher = new Dispatcher(context);
        connection = new RtspConnection(new UnopenedSocket(), context, dispatcher, () -> {
        }, () -> {
        });
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        ports.close();
    }

    private byte[] serveBytes(RtspRequest request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dispatcher.serve(request, connection, out::write);
        return out.toByteArray();
    }

    private RtspResponse serve(RtspRequest request) throws Exception {
        byte[] bytes = serveBytes(request);
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        decoder.feed(bytes, 0, bytes.length);
        return (RtspResponse) decoder.next().orElseThrow();
    }

    private static RtspRequest request(String method, String target, String... headers) {
        return new RtspRequest(RtspMethod.valueOf(method), target, RtspHeaders.of(headers));
    }

    @Test
    void anUnknownMethodGets501ListingOptionsFirstThenTheCoreCommands() throws Exception {
        RtspResponse response = serve(request("FLY", "rtsp://127.0.0.1/clip", "CSeq", "7"));
        assertEquals(501, response.status().code());
        String methods = response.headers().first(RtspHeaders.PUBLIC).orElseThrow();
        assertTrue(methods.startsWith("OPTIONS, SETUP, PLAY, PAUSE, TEARDOWN"), methods);
        assertEquals(methods, dispatcher.publicMethods());
    }

    @Test
    void theCSeqIsEchoedVerbatim() throws Exception {
        RtspResponse response = serve(request("FLY", "rtsp://127.0.0.1/clip", "CSeq", "01234"));
        assertEquals("01234", response.headers().first(RtspHeaders.CSEQ).orElseThrow());
    }

    @Test
    void aHandledReplyNamesTheServer() throws Exception {
        RtspResponse response = serve(request("OPTIONS", "*", "CSeq", "1"));
        assertEquals(Optional.of(ServerContext.SERVER_NAME), response.headers().first(RtspHeaders.SERVER));
    }

    /**
     * The class comment promises that the dispatcher completes every response with Server; the
     * 501 for an unknown method (and the 454s) return before that step. Fails until they do.
     */
    @Test
    void aReplyTheDispatcherRefusesItselfNamesTheServer() throws Exception {
        RtspResponse response = serve(request("FLY", "rtsp://127.0.0.1/clip", "CSeq", "1"));
        assertEquals(Optional.of(ServerContext.SERVER_NAME), response.headers().first(RtspHeaders.SERVER));
    }

    @Test
    void aMethodThatNeedsASessionGets454WithoutASessionHeader() throws Exception {
        RtspResponse response = serve(request("PLAY", "rtsp://127.0.0.1/clip", "CSeq", "2"));
        assertEquals(454, response.status().code());
    }

    @Test
    void aMethodThatNeedsASessionGets454ForAnUnknownSession() throws Exception {
        RtspResponse response = serve(request("PAUSE", "rtsp://127.0.0.1/clip", "CSeq", "2", "Session", "DEADBEEF"));
        assertEquals(454, response.status().code());
    }

    @Test
    void aHandlerThatThrowsGets500() throws Exception {
        RtspResponse response = serve(request("X_FAULT", "rtsp://127.0.0.1/clip", "CSeq", "5"));
        assertEquals(500, response.status().code());
        assertEquals("5", response.headers().first(RtspHeaders.CSEQ).orElseThrow());
    }

    @Test
    void aRequestWithoutCSeqGets400() throws Exception {
        RtspResponse response = serve(request("OPTIONS", "rtsp://127.0.0.1/clip"));
        assertEquals(400, response.status().code());
    }

    @Test
    void optionsListsTheSameMethodsAsA501() throws Exception {
        RtspResponse response = serve(request("OPTIONS", "*", "CSeq", "1"));
        assertEquals(200, response.status().code());
        assertEquals(dispatcher.publicMethods(), response.headers().first(RtspHeaders.PUBLIC).orElseThrow());
    }

    @Test
    void aBareFileNameRequestIsAnsweredInTheClassicForm() throws Exception {
        String reply = new String(serveBytes(request("PLAY", "movie.Mjpeg", "CSeq", "3")), StandardCharsets.ISO_8859_1);
        assertTrue(reply.matches("RTSP/1\\.0 454 [^\r\n]*\r\nCSeq: 3\r\nSession: 0\r\n"), reply);
    }
}
