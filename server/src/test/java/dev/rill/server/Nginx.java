package dev.rill.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx balancing TCP (its {@code stream} module, Debian's {@code libnginx-mod-stream})
 * across RTSP servers on loopback, in the foreground as a child process with its own prefix,
 * config, pid and log in a test directory. Skipped (failed in CI) where nginx or the module is
 * missing.
 */
final class Nginx implements AutoCloseable {

    static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

    private final Process process;
    private final int port;
    private final Path directory;

    private Nginx(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** The nginx binary: on the PATH, or where Debian puts it. */
    static Path binary() {
        return ExternalProgram.onPath("nginx") ? Path.of("nginx") : Path.of("/usr/sbin/nginx");
    }

    static void require() {
        ExternalProgram.requireThat(ExternalProgram.onPath("nginx") || Files.isExecutable(Path.of("/usr/sbin/nginx")),
                "nginx", "nginx");
        ExternalProgram.requireThat(Files.isRegularFile(STREAM_MODULE), "nginx's stream module", "libnginx-mod-stream");
    }

    /** Starts nginx listening on a free loopback port, balancing round-robin over {@code backends}. */
    static Nginx balancing(Path directory, List<Integer> backends) throws IOException {
        Files.createDirectories(directory.resolve("logs"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String servers = backends.stream().map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n"));
        String conf = """
                load_module %s;
                worker_processes 1;
                daemon off;
                pid %s;
                error_log %s info;
                events { worker_connections 2048; }
                stream {
                    upstream rill_edges {
                %s
                    }
                    server {
                        listen 127.0.0.1:%d;
                        proxy_pass rill_edges;
                        proxy_connect_timeout 2s;
                        proxy_timeout 10m;
                    }
                }
                """.formatted(STREAM_MODULE, directory.resolve("nginx.pid"), directory.resolve("logs/error.log"), servers, port);
        Path config = directory.resolve("nginx.conf");
        Files.writeString(config, conf);
        Process process = new ProcessBuilder(binary().toString(), "-p", directory.toString(), "-c", config.toString(),
                "-e", directory.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("logs/stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, port, directory);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited " + process.exitValue() + ": " + nginx.log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(directory.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
