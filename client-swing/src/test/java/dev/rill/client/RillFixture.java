package dev.rill.client;

import dev.rill.server.RtspServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Rill on a free loopback port, its media directory in a temporary directory. Close it in {@code @AfterEach}. */
final class RillFixture implements AutoCloseable {

    final RtspServer server;
    final Path directory;

    private RillFixture(RtspServer server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /** @param mountsJson the value of "mounts", e.g. {@code []} */
    static RillFixture start(Path directory, String mountsJson) throws IOException {
        Files.createDirectories(directory.resolve("media"));
        String json = "{\"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0}, \"mediaDirectory\": \"media\", \"mounts\": "
                + mountsJson + "}";
        Path config = directory.resolve("server.json");
        Files.writeString(config, json);
        return new RillFixture(RtspServer.start(config), directory);
    }

    Path media() {
        return directory.resolve("media");
    }

    int port() {
        return server.port();
    }

    String url(String name) {
        return "rtsp://127.0.0.1:" + port() + "/" + name;
    }

    @Override
    public void close() {
        server.close();
    }
}
