package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser-like HTTP viewer that stops reading costs the server nothing that grows: a server in its
 * own process with a heap of {@value #HEAP_MB} MB streams a looping mount at about
 * {@value #MEGABYTES_PER_SECOND} MB/s to a reader that never reads for {@value #STALL_SECONDS} s (more
 * than the heap again, were it queued) while another viewer reads normally. The server stays up, the
 * other viewer keeps getting frames, the stalled one is sent no more than the sockets' buffers take,
 * the heap after each collection stays under half the heap, the stalled viewer that reads again
 * skips the frames it missed instead of getting them late, and closing its connection ends it.
 */
class StalledHttpReaderMemoryTest {

    static final int HEAP_MB = 64;
    static final int STALL_SECONDS = 30;
    static final int FPS = 100;
    static final int MEGABYTES_PER_SECOND = 4;
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 30M->5M(64M) 3.1ms}: the size after. */
    private static final Pattern GC = Pattern.compile("\\[gc\\s*\\].*GC\\(\\d+\\) Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ChildServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean ending;

    @BeforeEach
    void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        // About 40 KB a frame; at 100 fps, 4 MB/s.
        List<byte[]> frames = TestMedia.frames(20, 480, 360, 2, 0.85f, 15_000);
        assertTrue(frames.getFirst().length > 25_000, "frames too small: " + frames.getFirst().length);
        TestMedia.writeMjpeg(media.resolve("big.Mjpeg"), frames);
        Files.writeString(dir.resolve("server.json"), """
                {"rtsp": {"host": "127.0.0.1", "port": 0},
                 "http": {"host": "127.0.0.1", "port": 0},
                 "mounts": [{"path": "/big", "source": {"type": "mjpeg-file", "file": "media/big.Mjpeg",
                             "fps": %d, "loop": true}}],
                 "listeners": [{"type": "stats", "logEverySeconds": 0}]}
                """.formatted(FPS));
        server = ChildServer.start(dir.resolve("server.json"), "-Xmx" + HEAP_MB + "m", "-Xlog:gc:stdout");
    }

    @AfterEach
    void stop() throws Exception {
        ending = true;
        server.close();
        http.close();
    }

    @Test
    void aReaderThatNeverReadsForThirtySecondsGrowsNothingAndEndsWhenItCloses() throws Exception {
        int httpPort = server.awaitPort(ChildServer.HTTP_PORT);
        httpBase = "http://127.0.0.1:" + httpPort;
        String base = "http://127.0.0.1:" + httpPort;
        AtomicLong otherParts = new AtomicLong();
        Thread other = Thread.ofVirtual().start(() -> readAlong(base + "/stream/big", otherParts));
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(8192);
            stalled.connect(new InetSocketAddress("127.0.0.1", httpPort), 5000);
            OutputStream out = stalled.getOutputStream();
            out.write("GET /stream/big HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String stalledPeer = "127.0.0.1:" + stalled.getLocalPort();
            // From here on nothing is read from the stalled socket.
            await().atMost(Duration.ofSeconds(20)).until(() -> viewer(stalledPeer).isPresent() && otherParts.get() > 10);
            int gcBefore = server.log().size();

            await().during(Duration.ofSeconds(STALL_SECONDS)).atMost(Duration.ofSeconds(STALL_SECONDS + 30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> server.process().isAlive()
                            && server.log().stream().noneMatch(l -> l.contains("OutOfMemoryError")));

            assertEquals(200, get(base + "/health").statusCode(), "the server answers");
            long partsNow = otherParts.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> otherParts.get() >= partsNow + 20);
            JsonNode stalledViewer = viewer(stalledPeer).orElseThrow(() -> new AssertionError("the stalled viewer is gone"));
            long sentToStalled = stalledViewer.get("bytesSent").longValue();
            long everything = (long) STALL_SECONDS * MEGABYTES_PER_SECOND * 1_000_000;
            assertTrue(sentToStalled < everything / 4, "no more than the sockets' buffers took went to the stalled"
                    + " viewer: " + stalledViewer);
            List<Integer> afterGc = new ArrayList<>();
            List<String> lines = List.copyOf(server.log());
            for (String line : lines.subList(gcBefore, lines.size())) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    afterGc.add(Integer.parseInt(m.group(2)));
                }
            }
            assertFalse(afterGc.isEmpty(), "the heap was collected while the reader stalled:\n" + server.logText());
            assertTrue(afterGc.stream().allMatch(mb -> mb <= HEAP_MB / 2),
                    "heap after each collection while the reader stalled, MB: " + afterGc);
            // For the record: what the stall cost, read in the test's output.
            System.out.println("stalled viewer after " + STALL_SECONDS + " s: " + stalledViewer + "; other viewer: "
                    + otherParts.get() + " parts; heap after each of " + afterGc.size() + " collections, MB: " + afterGc);

            // Reading again: the viewer goes on from the frame due now; the thirty seconds it missed are
            // skipped, not sent late from a queue.
            long skippedBefore = stalledViewer.get("framesSkipped").longValue();
            InputStream in = stalled.getInputStream();
            stalled.setSoTimeout(10_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                in.readNBytes(1_000_000);
                return viewer(stalledPeer).orElseThrow().get("framesSkipped").longValue()
                        >= skippedBefore + STALL_SECONDS * FPS / 2;
            });
            // Not reading again, then closing with unread data: however its write stands, the viewer ends.
        }
        // Closed with unread data: the viewer's blocked write fails and its thread ends.
        await().atMost(Duration.ofSeconds(20)).until(() -> stats().get("httpViewers").size() == 1);
        ending = true;
        other.join(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> stats().get("httpViewers").isEmpty());
        assertTrue(server.process().isAlive());
    }

    /** Reads {@code url}'s parts until the test ends, counting them. */
    private void readAlong(String url, AtomicLong parts) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                Multipart multipart = new Multipart(body, HttpMedia.BOUNDARY);
                while (!ending && multipart.next().isPresent()) {
                    parts.incrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the server went, or the test ended
        }
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(get(httpBase() + "/stats").body());
    }

    private Optional<JsonNode> viewer(String peer) throws Exception {
        for (JsonNode v : stats().get("httpViewers")) {
            if (v.get("peer").textValue().equals(peer)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private volatile String httpBase;

    private String httpBase() {
        return httpBase;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
