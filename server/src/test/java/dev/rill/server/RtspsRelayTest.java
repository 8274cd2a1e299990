package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspMethod;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtsp-pull} from an {@code rtsps://} upstream (a Rill with a self-signed certificate):
 * relayed with {@code "tlsVerify": false}; refused by the default verification.
 */
class RtspsRelayTest {

    @TempDir
    Path upstreamDir;
    @TempDir
    Path relayDir;
    TestServer upstream;
    TestServer relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(String tlsVerify) throws IOException {
        GenCertTool.write(upstreamDir, List.of("localhost", "127.0.0.1"), 30);
        Files.createDirectories(upstreamDir.resolve("media"));
        TestMedia.writeMjpeg(upstreamDir.resolve("media/clip.Mjpeg"), TestMedia.frames(20, 160, 120));
        upstream = TestServer.start(upstreamDir, """
                "rtsps": {"port": 0, "certificate": "server.crt", "key": "server.key"},
                "mounts": [{"path": "/clip", "source": {"type": "mjpeg-file", "file": "media/clip.Mjpeg",
                            "fps": 20, "loop": true}}]""");
        relay = TestServer.start(relayDir, """
                "mounts": [{"path": "/relay", "source": {"type": "rtsp-pull",
                            "url": "rtsps://127.0.0.1:%d/clip"%s}}]"""
                .formatted(upstream.server.rtspsPort().getAsInt(), tlsVerify));
    }

    @Test
    void relaysASelfSignedUpstreamWithTlsVerifyFalse() throws IOException {
        start(", \"tlsVerify\": false");
        await().atMost(Duration.ofSeconds(20)).until(() -> upstream.server.sessionCount() == 1);
        try (StandardClient viewer = new StandardClient(relay.port(), "/relay")) {
            assertEquals(200, viewer.setupUdp().status().code());
            assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
            await().atMost(Duration.ofSeconds(20)).until(() -> viewer.frames().size() >= 20);
        }
    }

    @Test
    void refusesASelfSignedUpstreamByDefault() throws IOException {
        start("");
        // The client rtsp-pull uses, with its default (verifying) trust, fails the handshake.
        IOException e = assertThrows(IOException.class, () -> RtspClient.connect(
                URI.create("rtsps://127.0.0.1:" + upstream.server.rtspsPort().getAsInt() + "/clip"),
                RtspClientOptions.of(RequestStyle.STANDARD).withTimeout(Duration.ofSeconds(10))));
        assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
        // ... and the relay never gets a session up there.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> upstream.server.sessionCount() == 0);
    }

    @Test
    void theClientSpeaksRtspsWithAnyCertificateContext() throws Exception {
        start(", \"tlsVerify\": false");
        javax.net.ssl.SSLContext trusting = RtspsTest.trusting(upstreamDir.resolve("server.crt"));
        // Verifying against the certificate itself, with its name checked, works: localhost is in it.
        try (RtspClient client = RtspClient.connect(URI.create("rtsps://localhost:" + upstream.server.rtspsPort().getAsInt()
                + "/clip"), RtspClientOptions.of(RequestStyle.STANDARD), trusting, true)) {
            assertEquals(200, client.request(RtspMethod.OPTIONS, "*").status().code());
        }
    }
}
