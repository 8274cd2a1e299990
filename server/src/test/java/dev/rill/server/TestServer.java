package dev.rill.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real server on a free loopback port, configured by JSON text written to a temporary
 * directory (so media paths resolve against it). Close it in {@code @AfterEach}.
 */
final class TestServer implements AutoCloseable {

    final RtspServer server;
    final Path directory;

    private TestServer(RtspServer server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /**
     * @param directory where the config is written; its {@code media/} is the media directory
     * @param extraJson more top-level keys (without braces), e.g. {@code "\"mounts\": [...]"}, or ""
     */
    static TestServer start(Path directory, String extraJson) throws IOException {
        Files.createDirectories(directory.resolve("media"));
        String json = "{\n  \"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0},\n"
                + "  \"rtp\": {\"serverPorts\": \"auto\"},\n"
                + "  \"mediaDirectory\": \"media\"" + (extraJson.isBlank() ? "" : ",\n  " + extraJson) + "\n}\n";
        Path config = directory.resolve("server.json");
        Files.writeString(config, json);
        return new TestServer(RtspServer.start(config), directory);
    }

    int port() {
        return server.port();
    }

    /** The HTTP listener's port; the config must have asked for one. */
    int httpPort() {
        return server.httpPort().orElseThrow(() -> new AssertionError("the config has no \"http\" listener"));
    }

    Path media() {
        return directory.resolve("media");
    }

    @Override
    public void close() {
        server.close();
    }
}
