package dev.rill.server;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real command line in a JVM of its own ({@code Main --config FILE} on this test's class
 * path), for what a server in the test's JVM cannot show: signals, a small heap, a crash. Its
 * output is read into {@link #log} from the start, so it never blocks on a full pipe.
 */
final class ChildServer implements AutoCloseable {

    static final Pattern RTSP_PORT = Pattern.compile("listening on rtsp://127\\.0\\.0\\.1:(\\d+)/");
    static final Pattern HTTP_PORT = Pattern.compile("HTTP on http://127\\.0\\.0\\.1:(\\d+)/");
    /** Start-up of a cold JVM on a loaded machine. */
    private static final Duration START_UP = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private ChildServer(Process process) {
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("child-server-log").start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                }
            } catch (IOException | UncheckedIOException e) {
                // the process is gone
            }
        });
    }

    /** Starts {@code Main --config config} with these JVM options (e.g. {@code -Xmx64m}). */
    static ChildServer start(Path config, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rill.server.Main", "--config",
                config.toString()));
        return new ChildServer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The number the first log line matching {@code pattern} captures (a port), waiting for it. */
    int awaitPort(Pattern pattern) {
        await().atMost(START_UP).until(() -> find(pattern).isPresent() || !process.isAlive());
        return find(pattern).orElseThrow(() -> new AssertionError("the server never logged " + pattern + ":\n" + logText()));
    }

    private OptionalInt find(Pattern pattern) {
        for (String line : log) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    Process process() {
        return process;
    }

    /** Every line the server printed so far; grows while it runs. */
    List<String> log() {
        return log;
    }

    String logText() {
        return String.join("\n", log);
    }

    /** SIGTERM, as a service manager stops it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
    }

    /** Whether it exited within {@code seconds}. */
    boolean exited(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
