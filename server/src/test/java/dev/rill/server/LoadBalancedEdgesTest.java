package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment the README describes: an origin with the sources, two edges that relay it on
 * demand, and a real nginx balancing RTSP over TCP across the edges. 100 viewers of three paths
 * through nginx, interleaved; both edges serve; the origin sees at most one upstream session per
 * path per edge; an edge stopped sends its viewers BYE, and they reconnect through nginx to the
 * other edge and play again.
 */
class LoadBalancedEdgesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> PATHS = List.of("/a", "/b", "/c");
    private static final int VIEWERS = 100;

    @TempDir
    Path dir;

    /**
     * An edge relays every path of the origin without listing them. Behind a balancer every
     * connection comes from its address: the per-address limit must allow them all.
     */
    private static String edgeConfig(int originPort) {
        return "\"limits\": {\"maxConnectionsPerAddress\": 1000}, \"mounts\": [{\"path\": \"/*\", \"source\": "
                + "{\"type\": \"rtsp-pull\", \"url\": \"rtsp://127.0.0.1:" + originPort + "/{path}\", "
                + "\"transport\": \"tcp\", \"onDemand\": true}}]";
    }

    private static StandardClient viewer(int port, String path) throws Exception {
        StandardClient c = new StandardClient(port, path);
        assertEquals(200, c.setupTcp().status().code());
        assertEquals(200, c.request("PLAY", c.url()).status().code());
        return c;
    }

    @Test
    void viewersThroughNginxSpreadOverTwoEdgesAndMoveWhenOneStops() throws Exception {
        Nginx.require();
        Path originDir = dir.resolve("origin");
        Files.createDirectories(originDir.resolve("media"));
        List<byte[]> frames = TestMedia.frames(20, 160, 120);
        StringBuilder mounts = new StringBuilder();
        for (String p : PATHS) {
            TestMedia.writeMjpeg(originDir.resolve("media" + p + ".Mjpeg"), frames);
            mounts.append(mounts.isEmpty() ? "" : ", ").append("{\"path\": \"").append(p)
                    .append("\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"media").append(p)
                    .append(".Mjpeg\", \"loop\": true}}");
        }
        List<StandardClient> viewers = new ArrayList<>();
        try (TestServer origin = TestServer.start(originDir, "\"mounts\": [" + mounts + "]");
             TestServer edge1 = TestServer.start(dir.resolve("edge1"), edgeConfig(origin.port()));
             TestServer edge2 = TestServer.start(dir.resolve("edge2"), edgeConfig(origin.port()));
             Nginx nginx = Nginx.balancing(dir.resolve("nginx"), List.of(edge1.port(), edge2.port()))) {
            try {
                for (int i = 0; i < VIEWERS; i++) {
                    viewers.add(viewer(nginx.port(), PATHS.get(i % PATHS.size())));
                }
                await().atMost(WAIT).until(() -> viewers.stream().allMatch(v -> v.frames().size() >= 2));
                int onEdge1 = edge1.server.sessionCount();
                assertTrue(onEdge1 > 0 && edge2.server.sessionCount() > 0,
                        "both edges serve: " + onEdge1 + " and " + edge2.server.sessionCount());
                assertEquals(VIEWERS, onEdge1 + edge2.server.sessionCount());
                // Each edge holds one upstream session per path its viewers watch: at most two per path.
                Map<String, Long> upstream = origin.server.context().sessions().all().stream()
                        .collect(Collectors.groupingBy(s -> s.mount().path(), Collectors.counting()));
                for (String p : PATHS) {
                    assertTrue(upstream.getOrDefault(p, 0L) >= 1 && upstream.getOrDefault(p, 0L) <= 2,
                            "origin sessions for " + p + ": " + upstream);
                }
                try (StandardClient missing = new StandardClient(nginx.port(), "/nothing-here")) {
                    assertEquals(404, missing.request("DESCRIBE", missing.url()).status().code(),
                            "a path the origin does not have is 404 at the edge");
                }

                edge1.close();
                await().atMost(WAIT).until(() -> viewers.stream().filter(v -> v.rtcpPackets().stream()
                        .anyMatch(RtcpPackets::hasBye)).count() == onEdge1);
                List<StandardClient> moved = new ArrayList<>();
                for (StandardClient v : viewers) {
                    if (v.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye)) {
                        String path = java.net.URI.create(v.url()).getPath();
                        v.close();
                        moved.add(viewer(nginx.port(), path));
                    }
                }
                viewers.addAll(moved);
                await().atMost(WAIT).until(() -> moved.stream().allMatch(v -> v.frames().size() >= 2));
                assertEquals(VIEWERS, edge2.server.sessionCount(), "every viewer now plays from the edge left");
            } finally {
                for (StandardClient v : viewers) {
                    v.close();
                }
            }
        }
    }
}
