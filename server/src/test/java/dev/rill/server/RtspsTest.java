package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTSPS and HTTPS with a certificate {@code gen-cert} made, against real TLS clients on loopback. */
class RtspsTest {

    @TempDir
    Path dir;
    private TestServer server;
    private SSLContext trusting;

    @BeforeEach
    void start() throws Exception {
        GenCertTool.write(dir, List.of("localhost", "127.0.0.1"), 30);
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(20, 64, 48));
        server = TestServer.start(dir, """
                "rtsps": {"port": 0, "certificate": "server.crt", "key": "server.key"},
                "http": {"host": "127.0.0.1", "port": 0, "tls": true},
                "limits": {"firstRequestSeconds": 5}""");
        trusting = trusting(dir.resolve("server.crt"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A client context that trusts exactly the generated certificate. */
    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        X509Certificate cert = Pem.certificates(certificate).get(0);
        trust.setCertificateEntry("rill", cert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private RawRtsp tls() throws IOException {
        SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.server.rtspsPort().getAsInt());
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match the certificate, as a browser's would
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return new RawRtsp(socket);
    }

    private String url() {
        return "rtsps://127.0.0.1:" + server.server.rtspsPort().getAsInt() + "/clip.Mjpeg";
    }

    @Test
    void playsInterleavedInsideTls() throws Exception {
        try (RawRtsp rtsp = tls()) {
            RtspResponse describe = rtsp.exchange("DESCRIBE " + url() + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
            assertEquals(200, describe.status().code());
            RtspResponse setup = rtsp.exchange("SETUP " + url() + " RTSP/1.0\r\nCSeq: 2\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
            assertEquals(200, setup.status().code(), setup.toString());
            String session = setup.headers().first("Session").orElseThrow().split(";")[0];
            assertEquals(200, rtsp.exchange("PLAY " + url() + " RTSP/1.0\r\nCSeq: 3\r\nSession: " + session + "\r\n\r\n")
                    .status().code());
            int frames = 0;
            while (frames < 3) {
                InterleavedFrame f = rtsp.frame();
                if (f.channel() == 0 && (f.payload()[1] & 0x80) != 0) {
                    frames++;
                }
            }
        }
    }

    @Test
    void aViewerThatStopsReadingCannotHoldUpShutdown() throws Exception {
        server.close();
        TestMedia.writeMjpeg(dir.resolve("media/big.Mjpeg"), TestMedia.frames(20, 640, 480, 2, 0.9f, 3_000));
        server = TestServer.start(dir, """
                "rtsps": {"port": 0, "certificate": "server.crt", "key": "server.key"},
                "mounts": [{"path": "/big", "source": {"type": "mjpeg-file", "file": "media/big.Mjpeg", "fps": 30, "loop": true}}]""");
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(4096);
        tcp.connect(new java.net.InetSocketAddress("127.0.0.1", server.server.rtspsPort().getAsInt()), 10_000);
        SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket(tcp, "127.0.0.1", tcp.getPort(), true);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        String big = "rtsps://127.0.0.1:" + server.server.rtspsPort().getAsInt() + "/big";
        try (RawRtsp rtsp = new RawRtsp(socket)) {
            RtspResponse setup = rtsp.exchange("SETUP " + big + " RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
            String session = setup.headers().first("Session").orElseThrow().split(";")[0];
            rtsp.send("PLAY " + big + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session + "\r\n\r\n");
            // Reads nothing more: the server's buffers towards it fill while it plays.
            Thread.sleep(4_000);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), server::close);
        }
    }

    @Test
    void udpOverTlsIs461WithAReason() throws Exception {
        try (RawRtsp rtsp = tls()) {
            for (String transport : List.of("RTP/AVP;unicast;client_port=5000-5001", "RTP/UDP; client_port= 25000")) {
                RtspResponse r = rtsp.exchange("SETUP " + url() + " RTSP/1.0\r\nCSeq: 1\r\nTransport: " + transport + "\r\n\r\n");
                assertEquals(461, r.status().code(), transport);
                assertTrue(r.toString().contains("TLS"), r.toString());
            }
        }
    }

    @Test
    void publishingOverRtspsIsInterleavedOnly() throws Exception {
        server.close();
        server = TestServer.start(dir, """
                "rtsps": {"port": 0, "certificate": "server.crt", "key": "server.key"},
                "mounts": [{"path": "/live", "source": {"type": "publish"}}]""");
        String live = "rtsps://127.0.0.1:" + server.server.rtspsPort().getAsInt() + "/live";
        byte[] sdp = TestPublisher.SDP.getBytes(StandardCharsets.US_ASCII);
        try (RawRtsp rtsp = tls()) {
            assertEquals(200, rtsp.exchange("ANNOUNCE " + live + " RTSP/1.0\r\nCSeq: 1\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length + "\r\n\r\n" + TestPublisher.SDP).status().code());
            RtspResponse udp = rtsp.exchange("SETUP " + live + "/streamid=0 RTSP/1.0\r\nCSeq: 2\r\n"
                    + "Transport: RTP/AVP/UDP;unicast;client_port=5000-5001;mode=record\r\n\r\n");
            assertEquals(461, udp.status().code());
            assertTrue(udp.toString().contains("TLS"), udp.toString());
            RtspResponse tcp = rtsp.exchange("SETUP " + live + "/streamid=0 RTSP/1.0\r\nCSeq: 3\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n\r\n");
            assertEquals(200, tcp.status().code(), tcp.toString());
        }
    }

    @Test
    void aClientThatNeverHandshakesIsClosedWithoutHoldingOthers() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", server.server.rtspsPort().getAsInt())) {
            // While it sits there, others handshake and are served.
            try (RawRtsp rtsp = tls()) {
                assertEquals(200, rtsp.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n").status().code());
            }
            silent.setSoTimeout(30_000);
            InputStream in = silent.getInputStream();
            try {
                // At most a TLS alert comes before the end of the stream.
                assertTrue(in.readAllBytes().length < 100);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the silent connection was still open after 30 s", e);
            } catch (IOException e) {
                // reset: closed too
            }
        }
    }

    @Test
    void plainRtspStillWorksBeside() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            RtspResponse r = rtsp.exchange("SETUP rtsp://127.0.0.1:" + server.port() + "/clip.Mjpeg RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertEquals(200, r.status().code());
        }
    }

    @Test
    void anUntrustingClientIsRefused() throws Exception {
        SSLContext defaults = SSLContext.getDefault();
        try (SSLSocket socket = (SSLSocket) defaults.getSocketFactory().createSocket("127.0.0.1",
                server.server.rtspsPort().getAsInt())) {
            socket.setSoTimeout(10_000);
            assertThrows(SSLHandshakeException.class, socket::startHandshake);
        }
    }

    @Test
    void httpsServesHealthAndStreams() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "https://localhost:" + server.httpPort();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(base + "/stream/clip.Mjpeg"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (InputStream in = stream.body()) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("image/jpeg"), text);
        }
    }

    @Test
    void thePageOffersTheRtspsUrlBesideTheRtspOne() throws Exception {
        server.close();
        server = TestServer.start(dir, """
                "rtsps": {"port": 0, "certificate": "server.crt", "key": "server.key"},
                "http": {"host": "127.0.0.1", "port": 0, "tls": true},
                "mounts": [{"path": "/cam", "source": {"type": "mjpeg-file", "file": "media/clip.Mjpeg"}}]""");
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.httpPort() + "/api/mounts"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"rtspsUrl\":\"rtsps://localhost:" + server.server.rtspsPort().getAsInt()
                + "/cam\""), api.body());
        assertTrue(api.body().contains("\"rtspUrl\":\"rtsp://localhost:" + server.port() + "/cam\""), api.body());
    }

    @Test
    void genCertRefusesToOverwriteAndBadHosts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        GenCertTool tool = new GenCertTool();
        assertTrue(java.util.ServiceLoader.load(dev.rill.spi.CommandLineTool.class).stream()
                .anyMatch(p -> p.get().name().equals("gen-cert")), "rill-server.jar gen-cert is found as the other commands are");
        assertEquals(1, tool.run(List.of("--dir", dir.toString()), out, new PrintStream(err)));
        assertTrue(err.toString().contains("not overwriting"), err.toString());
        assertEquals(2, tool.run(List.of("--dir", dir.resolve("x").toString(), "a,b"), out, new PrintStream(err)));
    }

    @Test
    void anRsaPkcs1KeyIsTakenAndAForeignKeyRefused() throws Exception {
        Path other = dir.resolve("pkcs1");
        Files.createDirectories(other);
        Files.copy(dir.resolve("server.crt"), other.resolve("server.crt"));
        byte[] pkcs8 = java.util.Base64.getMimeDecoder().decode(Files.readString(dir.resolve("server.key"))
                .replaceAll("-----[A-Z ]+-----", ""));
        Files.writeString(other.resolve("server.key"), Pem.encode("RSA PRIVATE KEY", innerKey(pkcs8)));
        try (TestServer tls = TestServer.start(other,
                "\"rtsps\": {\"port\": 0, \"certificate\": \"server.crt\", \"key\": \"server.key\"}")) {
            assertTrue(tls.server.rtspsPort().isPresent());
        }
        Path foreign = dir.resolve("foreign");
        GenCertTool.write(foreign, List.of("localhost"), 1);
        Files.delete(foreign.resolve("server.key"));
        Files.copy(dir.resolve("server.key"), foreign.resolve("server.key"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestServer.start(foreign,
                "\"rtsps\": {\"port\": 0, \"certificate\": \"server.crt\", \"key\": \"server.key\"}"));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    /** The PKCS#1 key inside a PKCS#8 one: the OCTET STRING after the version and the algorithm. */
    private static byte[] innerKey(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at); // SEQUENCE: step inside
        int version = header(pkcs8, at);
        at[0] += version; // INTEGER version: skipped
        int algorithm = header(pkcs8, at);
        at[0] += algorithm; // AlgorithmIdentifier: skipped
        int length = header(pkcs8, at); // OCTET STRING
        return java.util.Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    /** Reads a tag and a length at {@code at[0]}, leaving it at the content; returns the length. */
    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[at[0]++] & 0xFF);
        }
        return length;
    }

    @Test
    void badCertificateFilesStopStartUpWithAMessage() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("server.crt"), "not a certificate");
        Files.copy(dir.resolve("server.key"), other.resolve("server.key"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestServer.start(other,
                "\"rtsps\": {\"port\": 0, \"certificate\": \"server.crt\", \"key\": \"server.key\"}"));
        assertTrue(e.getMessage().contains("BEGIN CERTIFICATE"), e.getMessage());
        Files.writeString(other.resolve("server.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        Files.copy(dir.resolve("server.crt"), other.resolve("server.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        e = assertThrows(IllegalArgumentException.class, () -> TestServer.start(other,
                "\"rtsps\": {\"port\": 0, \"certificate\": \"server.crt\", \"key\": \"server.key\"}"));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }
}
