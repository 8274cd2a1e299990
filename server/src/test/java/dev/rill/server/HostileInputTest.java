package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.GeneratedSeeds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Garbage, over-limit, dribbled and truncated requests: a 4xx or a close, never a hang or a dead server. */
class HostileInputTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, "\"limits\": {\"requestTimeoutSeconds\": 2, \"idleConnectionSeconds\": 3, "
                + "\"maxSessionsPerConnection\": 2}");
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), TestMedia.frames(5, 32, 32));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The server still answers a normal request on a new connection. */
    private void assertServerAlive() throws IOException {
        try (RawRtsp c = new RawRtsp(server.port())) {
            assertEquals(200, c.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n").status().code());
        }
    }

    @Test
    void randomGarbageGets400OrACloseAndTheServerLives() throws Exception {
        Random random = new Random(2326);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            junk[0] = (byte) ('A' + random.nextInt(26)); // not '$', which would start an interleaved frame
            try (RawRtsp c = new RawRtsp(server.port())) {
                try {
                    c.send(junk);
                    c.send("\r\n\r\n");
                } catch (IOException closedByServer) {
                    // the server may answer and close before all the junk is written
                }
                Optional<RtspResponse> r;
                try {
                    r = c.next();
                } catch (java.net.SocketException reset) {
                    r = Optional.empty();
                }
                r.ifPresent(resp -> assertTrue(resp.status().code() >= 400 && resp.status().code() < 500, resp.toString()));
            }
        }
        assertServerAlive();
    }

    @Test
    void overlongRequestLineGets414BeforeItEnds() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            c.send("OPTIONS rtsp://127.0.0.1/" + "a".repeat(20_000));
            RtspResponse r = c.response();
            assertEquals(414, r.status().code());
            assertTrue(c.closedByServer());
        }
        assertServerAlive();
    }

    @Test
    void tooManyHeaderFieldsGets400() throws Exception {
        StringBuilder sb = new StringBuilder("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n");
        for (int i = 0; i < 70; i++) {
            sb.append("X-Field-").append(i).append(": v\r\n");
        }
        try (RawRtsp c = new RawRtsp(server.port())) {
            assertEquals(400, c.exchange(sb.append("\r\n").toString()).status().code());
        }
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse r = c.exchange("SET_PARAMETER * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 10000000\r\n\r\n");
            assertEquals(413, r.status().code());
        }
    }

    @Test
    void aDribbledRequestGets408WhenItTakesTooLong() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            String request = "OPTIONS rtsp://127.0.0.1/clip.Mjpeg RTSP/1.0\r\nCSeq: 1\r\n";
            // A byte every 250 ms: the 2 s request timeout passes before the request is whole.
            Optional<RtspResponse> answer = Optional.empty();
            for (int i = 0; i < request.length() && answer.isEmpty(); i++) {
                try {
                    c.send(request.substring(i, i + 1));
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(250);
                if (c.socket().getInputStream().available() > 0) {
                    answer = c.next();
                }
            }
            RtspResponse r = answer.isPresent() ? answer.get() : c.response();
            assertEquals(408, r.status().code());
        }
        assertServerAlive();
    }

    @Test
    void aTruncatedRequestThenCloseCostsNothing() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (RawRtsp c = new RawRtsp(server.port())) {
                c.send("SETUP rtsp://127.0.0.1/clip.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransp");
            }
        }
        assertServerAlive();
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            assertTrue(c.closedByServer(), "an idle connection with no session must be closed");
        }
    }

    @Test
    void moreSessionsThanAConnectionMayHoldGet453() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            String setup = "SETUP rtsp://127.0.0.1:" + server.port() + "/clip.Mjpeg/trackID=0 RTSP/1.0\r\nCSeq: %d\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=%d-%d\r\n\r\n";
            assertEquals(200, c.exchange(String.format(setup, 1, 5000, 5001)).status().code());
            assertEquals(200, c.exchange(String.format(setup, 2, 5002, 5003)).status().code());
            assertEquals(453, c.exchange(String.format(setup, 3, 5004, 5005)).status().code());
        }
    }

    @Test
    void aQuietConnectionWhoseUdpSessionLivesIsNotClosed() throws Exception {
        try (RawRtsp c = new RawRtsp(server.port())) {
            RtspResponse setup = c.exchange("SETUP rtsp://127.0.0.1:" + server.port() + "/clip.Mjpeg/trackID=0 RTSP/1.0\r\n"
                    + "CSeq: 1\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertEquals(200, setup.status().code());
            // Longer than idleConnectionSeconds (3 s): the session keeps its connection open.
            c.socket().setSoTimeout(6000);
            assertTrue(!c.closedByServer(), "the server closed a connection whose session is alive");
            c.socket().setSoTimeout(10_000);
            assertEquals(200, c.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 2\r\n\r\n").status().code());
        }
    }

    @TempDir
    static Path scratch;

    /**
     * RTSP request corpora in the layout of AFLNet's live555 seeds: the one {@link GeneratedSeeds}
     * writes, always, and the seeds in {@code ../shared/rtsp-seeds} when they are there.
     */
    static Stream<Named<Path>> seedCorpora() throws IOException {
        Path generated = scratch.resolve("generated-rtsp-seeds");
        if (!Files.isDirectory(generated)) {
            GeneratedSeeds.write(generated);
        }
        Path shared = Path.of(System.getProperty("rill.sharedDir", "../../shared"), "rtsp-seeds");
        return Stream.concat(Stream.of(Named.of("generated corpus", generated)), Files.isDirectory(shared)
                ? Stream.of(Named.of("live555 seeds in ../shared", shared)) : Stream.empty());
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedCorpora")
    void liveFuzzCorpusGetsAWellFormedAnswerToEveryRequest(Path corpus) throws Exception {
        for (Path file : files(corpus.resolve("in-rtsp"))) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1)
                    .replace("127.0.0.1:8554", "127.0.0.1:" + server.port());
            int requests = text.split("\r\n\r\n").length;
            try (RawRtsp c = new RawRtsp(server.port())) {
                c.send(text);
                for (int i = 0; i < requests; i++) {
                    RtspResponse r = c.response();
                    assertTrue(r.headers().contains(RtspHeaders.CSEQ), file + ": " + r);
                    assertTrue(r.status().code() >= 200 && r.status().code() < 600, file + ": " + r);
                }
            }
        }
        assertServerAlive();
    }

    /** Each file's messages on a connection of its own, all at once; the server may answer or close. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("seedCorpora")
    void crashInputsThatBrokeLive555DoNotHurtRill(Path corpus) throws Exception {
        List<RawRtsp> connections = new ArrayList<>();
        try {
            for (Path file : files(corpus.resolve("poc"))) {
                RawRtsp c = new RawRtsp(server.port());
                connections.add(c);
                for (byte[] message : replayMessages(Files.readAllBytes(file))) {
                    try {
                        c.send(message);
                    } catch (IOException closedByServer) {
                        break;
                    }
                }
            }
            connections.forEach(RawRtsp::closedByServer);
        } finally {
            connections.forEach(RawRtsp::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 0);
        assertServerAlive();
    }

    /** AFLNet's replay format: each message after a 4-byte little-endian length. */
    private static List<byte[]> replayMessages(byte[] file) {
        List<byte[]> messages = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 4) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                break;
            }
            byte[] m = new byte[length];
            in.get(m);
            messages.add(m);
        }
        return messages;
    }
}
