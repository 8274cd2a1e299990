package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /stream} and {@code /snapshot} on the server's HTTP listener, with real sockets on loopback. */
class HttpMediaTest {

    private static final Path TESTCARD_JAR = Path.of("target", "plugins", "rill-plugin-testcard.jar");
    private static final String HTTP = "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}";

    @TempDir
    Path dir;

    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private List<byte[]> clip(int frames) throws Exception {
        server = TestServer.start(dir, HTTP);
        List<byte[]> jpegs = TestMedia.frames(frames, 160, 120);
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), jpegs);
        return jpegs;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<InputStream> open(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("multipart/x-mixed-replace; boundary=" + HttpMedia.BOUNDARY,
                response.headers().firstValue("Content-Type").orElseThrow());
        return response;
    }

    @Test
    void aStoredClipStreamsEveryFrameInOrderAtItsOwnRate() throws Exception {
        List<byte[]> frames = clip(200);   // 10 s at the default 20 fps
        HttpResponse<InputStream> response = open("/stream/clip.Mjpeg");
        try (InputStream body = response.body()) {
            Multipart parts = new Multipart(body, HttpMedia.BOUNDARY);
            long start = System.nanoTime();
            int count = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
                Multipart.Part part = parts.next().orElseThrow();
                assertEquals("image/jpeg", part.headers().get("content-type"));
                assertEquals(frames.get(count).length, Integer.parseInt(part.headers().get("content-length")));
                assertArrayEquals(frames.get(count), part.body(), "part " + count + " is frame " + count);
                count++;
            }
            // 2 s at 20 fps is 40 frames (41 with the first, due at once); a server that did not
            // pace would have sent all 200 by now, a stalled one a handful.
            assertTrue(count >= 15 && count <= 45, "parts in 2 s: " + count);
        }
    }

    @Test
    void aStoredStreamStartsWhereTAsks() throws Exception {
        List<byte[]> frames = clip(200);
        HttpResponse<InputStream> response = open("/stream/clip.Mjpeg?t=5");
        try (InputStream body = response.body()) {
            Multipart parts = new Multipart(body, HttpMedia.BOUNDARY);
            assertArrayEquals(frames.get(100), parts.next().orElseThrow().body(), "t=5 s at 20 fps is frame 100");
            assertArrayEquals(frames.get(101), parts.next().orElseThrow().body());
        }
    }

    @Test
    void aClosedConnectionEndsTheViewerAndReleasesTheFeed() throws Exception {
        clip(200);
        HttpResponse<InputStream> response = open("/stream/clip.Mjpeg");
        try (InputStream body = response.body()) {
            new Multipart(body, HttpMedia.BOUNDARY).next().orElseThrow();
            assertEquals(1, server.server.context().feeds().open());
            assertEquals(1, server.server.httpMedia().viewers());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.context().feeds().open() == 0
                && server.server.httpMedia().viewers() == 0);
    }

    @Test
    void aViewerThatStopsReadingIsSkippedAheadNotBufferedFor() throws Exception {
        // About 40 KB a frame at 200 fps: 8 MB/s, more than the sockets' buffers hold in a second or two.
        List<byte[]> frames = TestMedia.frames(20, 480, 360, 2, 0.85f, 15_000);
        assertTrue(frames.getFirst().length > 20_000, "frames too small to fill the buffers: " + frames.getFirst().length);
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/big.Mjpeg"), frames);
        server = TestServer.start(dir, HTTP + ", \"mounts\": [{\"path\": \"/big\", \"source\": "
                + "{\"type\": \"mjpeg-file\", \"file\": \"media/big.Mjpeg\", \"fps\": 200, \"loop\": true}}]");
        HttpMedia media = server.server.httpMedia();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8192);
            socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /stream/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readNBytes(100_000);
            // Not reading now: the viewer's write blocks once the sockets' buffers are full.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = media.partsWritten();
                boolean stalled = now == last[0];
                last[0] = now;
                return stalled;
            });
            long droppedBefore = media.framesDropped();
            // Reading again: the viewer goes on from the frame due now, skipping those it missed.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                in.readNBytes(200_000);
                return media.framesDropped() > droppedBefore;
            });
            in.readNBytes(100_000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.context().feeds().open() == 0
                && media.viewers() == 0);
    }

    @Test
    void theLiveTestCardStreamsToABrowserAndLetsGoOfItsSource() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        server = TestServer.start(dir, HTTP + ", \"mounts\": [{\"path\": \"/cams/door\", \"source\": "
                + "{\"type\": \"testcard\", \"width\": 160, \"height\": 112}}]");
        HttpResponse<InputStream> response = open("/stream/cams/door");
        try (InputStream body = response.body()) {
            Multipart parts = new Multipart(body, HttpMedia.BOUNDARY);
            for (int i = 0; i < 5; i++) {
                Multipart.Part part = parts.next().orElseThrow();
                var image = ImageIO.read(new ByteArrayInputStream(part.body()));
                assertEquals(160, image.getWidth());
                assertEquals(112, image.getHeight());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.context().feeds().open() == 0);
    }

    @Test
    void aSnapshotOfAStoredClipIsTheFrameAtTAndScalesDownOnly() throws Exception {
        List<byte[]> frames = clip(200);
        HttpResponse<byte[]> first = get("/snapshot/clip.Mjpeg");
        assertEquals(200, first.statusCode());
        assertEquals("image/jpeg", first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
        assertArrayEquals(frames.get(0), first.body());
        assertArrayEquals(frames.get(25), get("/snapshot/clip.Mjpeg?t=1.25").body(), "1.25 s at 20 fps is frame 25");
        var small = ImageIO.read(new ByteArrayInputStream(get("/snapshot/clip.Mjpeg?t=1&width=80").body()));
        assertEquals(80, small.getWidth());
        assertEquals(60, small.getHeight(), "aspect kept");
        assertArrayEquals(frames.get(20), get("/snapshot/clip.Mjpeg?t=1&width=1000").body(), "never scaled up");
        assertEquals(400, get("/snapshot/clip.Mjpeg?width=wide").statusCode());
        assertEquals(400, get("/snapshot/clip.Mjpeg?t=-1").statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.context().feeds().open() == 0);
    }

    @Test
    void aSnapshotOfALiveMountNobodyWatchesStartsItAndShowsItsNewestFrame() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        server = TestServer.start(dir, HTTP + ", \"mounts\": [{\"path\": \"/card\", \"source\": "
                + "{\"type\": \"testcard\", \"width\": 320, \"height\": 240}}]");
        HttpResponse<byte[]> snapshot = get("/snapshot/card?width=160");
        assertEquals(200, snapshot.statusCode());
        var image = ImageIO.read(new ByteArrayInputStream(snapshot.body()));
        assertEquals(160, image.getWidth());
        assertEquals(120, image.getHeight());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.context().feeds().open() == 0);
    }

    @Test
    void aMissingMountIs404NamingIt() throws Exception {
        clip(5);
        for (String path : List.of("/stream/cams/nope", "/snapshot/cams/nope")) {
            HttpResponse<byte[]> response = get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("/cams/nope"), path);
        }
        assertEquals(404, get("/stream/").statusCode());
        assertEquals(404, get("/stream/%2e%2e/server.json").statusCode());
        assertEquals(404, get("/streams/clip.Mjpeg").statusCode(), "a prefix is a whole segment");
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(0, server.server.context().feeds().open());
    }

    @Test
    void aRequestWithABodyIsRefused() throws Exception {
        clip(5);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url("/snapshot/clip.Mjpeg")))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(413, response.statusCode());
    }

    @Test
    void ffprobeIdentifiesTheStreamAndFfmpegDecodesASnapshot() throws Exception {
        ExternalProgram.require("ffprobe", "ffmpeg");
        ExternalProgram.require("ffmpeg", "ffmpeg");
        clip(200);
        ExternalProgram.Result probe = ExternalProgram.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,width,height", "-of", "default=noprint_wrappers=1", url("/stream/clip.Mjpeg")), 60);
        assertEquals(0, probe.exitCode(), probe.output());
        assertTrue(probe.output().contains("codec_name=mjpeg"), probe.output());
        assertTrue(probe.output().contains("width=160"), probe.output());
        ExternalProgram.Result decode = ExternalProgram.run(List.of("ffmpeg", "-v", "error", "-i",
                url("/snapshot/clip.Mjpeg?t=2"), "-f", "null", "-"), 60);
        assertEquals(0, decode.exitCode(), decode.output());
        assertTrue(decode.output().isBlank(), decode.output());
    }
}
