package dev.rill.plugin.httpmjpeg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A camera that cannot be reached: what the source logs and describes shows no password. */
class PasswordInLogsTest {

    private static final String PASSWORD = "hunter2";

    private final PrintStream err = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private HttpMjpegSource source;

    @AfterEach
    void end() throws Exception {
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void failedConnectsAreLoggedWithoutThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        // The simple logger writes to whatever System.err is when it writes (tests log WARN and up).
        System.setErr(new PrintStream(new Tee(err, log), true, StandardCharsets.UTF_8));
        source = new HttpMjpegSource(new HttpMjpegConfig("http://admin:" + PASSWORD + "@127.0.0.1:" + closedPort
                + "/stream?token=" + PASSWORD, true, null, null),
                new HttpMjpegSource.Timing(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200)));
        source.start(frame -> { });
        await().atMost(Duration.ofSeconds(20)).until(() -> logged().contains("trying again"));
        assertTrue(logged().contains("http://***@127.0.0.1:" + closedPort), logged());
        assertFalse(logged().contains(PASSWORD), logged());
        assertFalse(source.describe().contains(PASSWORD), source.describe());
    }

    private String logged() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}
