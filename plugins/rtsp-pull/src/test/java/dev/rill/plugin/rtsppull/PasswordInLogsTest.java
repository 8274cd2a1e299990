package dev.rill.plugin.rtsppull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An upstream that refuses the URL's credentials: what the source logs and describes shows no password. */
class PasswordInLogsTest {

    private static final String PASSWORD = "hunter2";
    private static final RtspPull.Timing FAST = new RtspPull.Timing(Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(5), Duration.ofMillis(300));

    private final PrintStream err = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private ScriptedUpstream upstream;
    private RtspPull source;

    @AfterEach
    void end() throws Exception {
        try {
            if (source != null) {
                source.close();
            }
            if (upstream != null) {
                upstream.close();
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void refusedCredentialsAreLoggedWithTheUserAndWithoutThePassword() throws Exception {
        // The simple logger writes to whatever System.err is when it writes (tests log WARN and up).
        System.setErr(new PrintStream(new Tee(err, log), true, StandardCharsets.UTF_8));
        upstream = new ScriptedUpstream((r, c) -> "RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"cam\"");
        source = new RtspPull(new RtspPullConfig(upstream.url("admin:" + PASSWORD + "@", "/cam"), "tcp", false, 5, null),
                RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow(), FAST);
        source.start(new RecordingSink());
        source.begin();
        await().atMost(Duration.ofSeconds(20)).until(() -> logged().contains("refused the credentials"));
        assertTrue(logged().contains("rtsp://admin:***@127.0.0.1:"), logged());
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
