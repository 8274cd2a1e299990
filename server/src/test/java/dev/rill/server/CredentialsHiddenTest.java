package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream URL's password, and one in a request URL, reach no log line, no {@code /stats},
 * no page: only {@code user:***@} is shown.
 */
class CredentialsHiddenTest {

    static final String PASSWORD = "hunter2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            System.setErr(err);
            http.close();
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    @Test
    void upstreamPasswordsAreMaskedInLogsStatsAndThePage() throws Exception {
        // The simple logger writes to whatever System.err is when it writes.
        System.setErr(new PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], \"mounts\": ["
                + "{\"path\": \"/leaky\", \"source\": {\"type\": \"test-counting\", \"frames\": 5, "
                + "\"name\": \"relay of rtsp://admin:" + PASSWORD + "@camera.lan/stream1\"}},"
                + "{\"path\": \"/cam\", \"source\": {\"type\": \"http-mjpeg\", \"url\": \"http://admin:" + PASSWORD
                + "@127.0.0.1:9/stream\", \"onDemand\": true}},"
                + "{\"path\": \"/pull\", \"source\": {\"type\": \"rtsp-pull\", \"url\": \"rtsp://admin:" + PASSWORD
                + "@127.0.0.1:9/stream\", \"onDemand\": true}}]");
        try (RawRtsp c = new RawRtsp(server.port())) {
            String target = "rtsp://viewer:" + PASSWORD + "@127.0.0.1:" + server.port() + "/leaky";
            assertEquals(500, c.exchange("X_FAULT " + target + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").status().code());
        }
        String mounts = get("/api/mounts");
        String shown = mounts + get("/") + get("/stats");
        System.err.flush();
        String logged = log.toString(StandardCharsets.UTF_8);

        assertFalse(shown.contains(PASSWORD), shown);
        assertFalse(logged.contains(PASSWORD), logged);
        for (JsonNode m : JSON.readTree(mounts).get("mounts")) {
            if (m.get("path").asText().equals("/leaky")) {
                assertEquals("relay of rtsp://admin:***@camera.lan/stream1", m.get("description").asText());
            }
        }
        // Tests log at WARN and above (the parent pom): the failed request's line proves the capture.
        assertTrue(logged.contains("X_FAULT rtsp://viewer:***@127.0.0.1:"), logged);
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
