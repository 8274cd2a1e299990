package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin Rill with two mounts and an edge Rill with one {@code /*} mount relaying every path
 * of the origin on demand: viewers of the edge get the origin's frames, the origin sees one
 * session per path however many viewers the edge has, a path the origin lacks gets 404 at the
 * edge, and the upstream session ends once the last viewer left (after rtsp-pull's 10 s linger).
 */
class OriginAndEdgeTest {

    @TempDir
    Path originDir;
    @TempDir
    Path edgeDir;
    TestServer origin;
    TestServer edge;
    final List<StandardClient> viewers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (StandardClient v : viewers) {
            v.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private void start(String edgeMounts) throws IOException {
        Files.createDirectories(originDir.resolve("media"));
        TestMedia.writeMjpeg(originDir.resolve("media/one.Mjpeg"), TestMedia.frames(20, 160, 120));
        TestMedia.writeMjpeg(originDir.resolve("media/two.Mjpeg"), TestMedia.frames(20, 96, 64));
        origin = TestServer.start(originDir, """
                "mounts": [
                  {"path": "/one", "source": {"type": "mjpeg-file", "file": "media/one.Mjpeg", "fps": 20, "loop": true}},
                  {"path": "/cams/two", "source": {"type": "mjpeg-file", "file": "media/two.Mjpeg", "fps": 20, "loop": true}}
                ]""");
        edge = TestServer.start(edgeDir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], "
                + "\"mounts\": [" + edgeMounts.formatted(origin.port()) + "]");
    }

    private static final String RELAY_ALL = """
            {"path": "/*", "source": {"type": "rtsp-pull", "url": "rtsp://127.0.0.1:%1$d/{path}",
             "transport": "tcp", "onDemand": true}}""";

    private StandardClient play(String path) throws IOException {
        StandardClient viewer = new StandardClient(edge.port(), path);
        viewers.add(viewer);
        assertEquals(200, viewer.request("DESCRIBE", viewer.url()).status().code());
        assertEquals(200, viewer.setupUdp().status().code());
        assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
        return viewer;
    }

    @Test
    void viewersOfTwoPathsGetFramesOverOneUpstreamSessionPerPathThatEndsAfterTheLastViewer() throws IOException {
        start(RELAY_ALL);
        assertEquals(0, origin.server.sessionCount());
        StandardClient one = play("/one");
        StandardClient oneAgain = play("/one");
        StandardClient two = play("/cams/two");
        StandardClient oneThird = play("/one");
        for (StandardClient v : List.of(one, oneAgain, two, oneThird)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> v.frames().size() >= 5);
        }
        assertEquals(2, origin.server.sessionCount(), "one upstream session per path");
        assertEquals(2, edge.server.context().mounts().patternSources());
        assertEquals(4, edge.server.sessionCount());
        // The relayed paths are listed beside the configured mounts, with the pattern's source type.
        JsonNode stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.URI.create(
                "http://127.0.0.1:" + edge.httpPort() + "/stats").toURL().openStream());
        java.util.Map<String, JsonNode> listed = new java.util.HashMap<>();
        stats.get("mounts").forEach(m -> listed.put(m.get("path").textValue(), m));
        for (String path : List.of("/one", "/cams/two")) {
            assertTrue(listed.containsKey(path), "relayed " + path + " in /stats: " + stats.get("mounts"));
            assertEquals("rtsp-pull", listed.get(path).get("type").textValue());
            assertEquals("live", listed.get(path).get("live").get("state").textValue());
        }
        for (StandardClient v : viewers) {
            assertEquals(200, v.request("TEARDOWN", v.url()).status().code());
        }
        // rtsp-pull lets the upstream go 10 s after the last viewer of its path left.
        await().atMost(Duration.ofSeconds(30)).until(() -> origin.server.sessionCount() == 0);
    }

    @Test
    void aPathTheOriginLacksGets404AtTheEdgeNamingTheOriginsAnswer() throws IOException {
        start(RELAY_ALL);
        try (StandardClient viewer = new StandardClient(edge.port(), "/missing")) {
            RtspResponse describe = viewer.request("DESCRIBE", viewer.url());
            assertEquals(404, describe.status().code());
            assertTrue(describe.status().reason().contains("DESCRIBE was answered 404"), describe.status().reason());
            RtspResponse setup = viewer.setupUdp();
            assertEquals(404, setup.status().code());
        }
        assertEquals(0, edge.server.context().mounts().patternSources());
        assertEquals(0, origin.server.sessionCount());
    }

    @Test
    void literalMountsWinOverThePatternAndTheLongestPatternWins() throws IOException {
        Files.createDirectories(edgeDir.resolve("media"));
        TestMedia.writeMjpeg(edgeDir.resolve("media/local.Mjpeg"), TestMedia.frames(5, 64, 48));
        start(RELAY_ALL + """
                , {"path": "/cams/*", "source": {"type": "rtsp-pull", "url": "rtsp://127.0.0.1:%1$d/cams/{path}",
                   "onDemand": true}}""");
        // /cams/two goes to the longest pattern, which asks the origin for /cams/cams/two: not there.
        try (StandardClient viewer = new StandardClient(edge.port(), "/cams/two")) {
            assertEquals(404, viewer.request("DESCRIBE", viewer.url()).status().code());
        }
        // The edge's own media file wins over /*: nothing is asked of the origin.
        try (StandardClient viewer = new StandardClient(edge.port(), "/local.Mjpeg")) {
            assertEquals(200, viewer.request("DESCRIBE", viewer.url()).status().code());
        }
        assertEquals(0, edge.server.context().mounts().patternSources());
    }
}
