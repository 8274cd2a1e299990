package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * gst-rtsp-server on 127.0.0.1, started by a test from the python3-gi script in the test
 * resources. Where python3-gi or GStreamer's RTSP server is missing the test is skipped with the
 * reason, unless {@code RILL_REQUIRE_INTEROP=true}, which makes that a failure.
 */
final class GstUpstream implements AutoCloseable {

    private final String python;
    private final Path script;
    private final int port;
    private Process process;

    private GstUpstream(String python, Path script, int port) {
        this.python = python;
        this.script = script;
        this.port = port;
    }

    /** Starts the server on {@code port} (0: a free one), or skips the test. */
    static GstUpstream start(Path dir, int port) throws IOException {
        String python = pythonWithGstRtspServer().orElseGet(() -> missing(
                "python3 with GStreamer's RTSP server (python3-gi, gir1.2-gst-rtsp-server-1.0) is not installed"));
        Path script = dir.resolve("gst_rtsp_server.py");
        if (!Files.exists(script)) {
            try (InputStream in = GstUpstream.class.getResourceAsStream("gst_rtsp_server.py")) {
                Files.copy(in, script);
            }
        }
        if (port == 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        GstUpstream upstream = new GstUpstream(python, script, port);
        upstream.restart();
        return upstream;
    }

    int port() {
        return port;
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/test";
    }

    /** Kills the server process: its connections drop as a camera's do when it loses power. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the server (again) on the same port; returns once it listens. */
    void restart() throws IOException {
        for (int tries = 0; ; tries++) {
            process = new ProcessBuilder(python, script.toString(), Integer.toString(port)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder seen = new StringBuilder();
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals("ready")) {
                            Thread.ofVirtual().start(() -> drain(out));
                            return "ready";
                        }
                        seen.append(line).append('\n');
                    }
                    return seen.toString();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            String said;
            try {
                said = ready.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                said = "no 'ready' within 30 s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (said.equals("ready")) {
                return;
            }
            close();
            if (tries >= 5) { // the port may linger a moment after a kill
                throw new IOException("gst-rtsp-server did not start: " + said);
            }
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // GStreamer's warnings
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    static <T> T missing(String what) {
        String reason = what + " (apt-get install python3-gi gir1.2-gst-rtsp-server-1.0"
                + " gstreamer1.0-plugins-base gstreamer1.0-plugins-good)";
        if ("true".equalsIgnoreCase(System.getenv("RILL_REQUIRE_INTEROP"))) {
            fail(reason + ", and RILL_REQUIRE_INTEROP=true makes that a failure");
        }
        Assumptions.abort(reason + ": interop test skipped");
        return null;
    }

    static Optional<String> pythonWithGstRtspServer() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import gi; gi.require_version('GstRtspServer', '1.0');"
                        + " from gi.repository import GstRtspServer").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                if (p.exitValue() == 0) {
                    return Optional.of(python);
                }
            } catch (IOException e) {
                // not there: the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
