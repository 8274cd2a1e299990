package dev.rill.plugin.httpmjpeg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The source against a camera written by hand on loopback. */
class HttpMjpegSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Short waits, so that retries and the linger happen within a test. */
    private static final HttpMjpegSource.Timing QUICK = new HttpMjpegSource.Timing(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200));
    /** A linger no test outlasts. */
    private static final HttpMjpegSource.Timing LONG_LINGER = new HttpMjpegSource.Timing(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(5));

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    /** Holds a script's connection open until the test ends. */
    private final CountDownLatch end = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        end.countDown();
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private FakeCamera camera(FakeCamera.Format format, FakeCamera.Script script) throws IOException {
        FakeCamera camera = FakeCamera.start(format, script);
        open.add(camera);
        return camera;
    }

    private HttpMjpegSource source(HttpMjpegConfig config, HttpMjpegSource.Timing timing) {
        HttpMjpegSource source = new HttpMjpegSource(config, timing);
        open.add(source);
        return source;
    }

    private HttpMjpegSource onDemand(String url, HttpMjpegSource.Timing timing) {
        return source(new HttpMjpegConfig(url, true, null, null), timing);
    }

    /**
     * A script: the head, these parts, the delimiter line of a next part (which ends the last one
     * when there is no Content-Length), then the connection held open until the test ends.
     */
    private FakeCamera.Script parts(byte[]... parts) {
        return (connection, out) -> {
            out.head();
            for (byte[] part : parts) {
                out.part(part);
            }
            out.delimiter();
            end.await();
        };
    }

    static Stream<FakeCamera.Format> formats() {
        return Stream.of(
                new FakeCamera.Format(true, true, "\r\n", false, false),
                new FakeCamera.Format(false, true, "\r\n", false, false),
                new FakeCamera.Format(true, false, "\r\n", false, false),
                new FakeCamera.Format(false, false, "\n", false, false),
                new FakeCamera.Format(false, true, "\n", true, false),
                new FakeCamera.Format(true, true, "\n", true, true),
                FakeCamera.Format.ESP32,
                new FakeCamera.Format(false, false, "\r\n", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void framesArriveIntactInOrderWithRisingTimes(FakeCamera.Format format) throws Exception {
        List<byte[]> sent = List.of(TestJpegs.jpeg(0, 100), TestJpegs.jpeg(1, 5000), TestJpegs.jpeg(2, 70_000),
                TestJpegs.jpeg(3, 40), TestJpegs.jpeg(4, 1234));
        FakeCamera camera = camera(format, parts(sent.toArray(byte[][]::new)));
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Frame frame = received.get(i);
            assertArrayEquals(sent.get(i), frame.bytes(), "frame " + i);
            assertEquals(i, frame.index());
            if (i > 0) {
                assertTrue(frame.timeNanos() > received.get(i - 1).timeNanos(), "times rise");
            }
        }
        assertEquals(LiveStatus.State.LIVE, source.state());
        assertEquals(5, source.framesIn());
        assertEquals(0, source.framesDropped());
    }

    @Test
    void isALiveJpegSourceOfNoNominalRateWhoseSizeComesFromTheFirstFrame() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts(TestJpegs.jpeg(0, 100)));
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        assertEquals("JPEG", source.encoding());
        assertEquals(OptionalDouble.empty(), source.nominalFrameRate());
        assertEquals(Optional.empty(), source.videoSize());
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals(Optional.of(new VideoSize(320, 240)), source.videoSize());
    }

    @Test
    void basicAuthFromTheUserInfoIsSentAndNeverDescribed() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts(TestJpegs.jpeg(0, 100)));
        HttpMjpegSource source = onDemand(camera.url("admin:s3cr%40t@"), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 1);
        String request = camera.requests().getFirst();
        String expected = Base64.getEncoder().encodeToString("admin:s3cr@t".getBytes(StandardCharsets.UTF_8));
        assertTrue(request.startsWith("GET /stream HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nAuthorization: Basic " + expected + "\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:" + camera.port() + "\r\n"), request);
        assertEquals("http-mjpeg http://***@127.0.0.1:" + camera.port() + "/stream", source.describe());
    }

    @ParameterizedTest(name = "Content-Length given: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void anOversizedPartIsDroppedAndTheNextGoodOneArrives(boolean contentLength) throws Exception {
        byte[] first = TestJpegs.jpeg(0, 500);
        byte[] big = TestJpegs.jpeg(1, 3000);
        byte[] next = TestJpegs.jpeg(2, 1024);   // exactly the limit: taken
        FakeCamera camera = camera(new FakeCamera.Format(contentLength, true, "\r\n", false, false), parts(first, big, next));
        HttpMjpegSource source = source(new HttpMjpegConfig(camera.url(), true, null, 1024), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertArrayEquals(first, received.get(0).bytes());
        assertArrayEquals(next, received.get(1).bytes());
        assertEquals(1, source.framesDropped());
        assertEquals(0, source.reconnects(), "resynchronised on the same connection");
    }

    @Test
    void aPartThatIsNotAJpegIsDroppedAndTheNextOneArrives() throws Exception {
        byte[] first = TestJpegs.jpeg(0, 100);
        byte[] last = TestJpegs.jpeg(2, 100);
        byte[] truncated = java.util.Arrays.copyOf(TestJpegs.jpeg(5, 100), 60);
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts(first,
                "<html>camera busy</html>".getBytes(StandardCharsets.US_ASCII), truncated, last));
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 2);
        assertArrayEquals(first, received.get(0).bytes());
        assertArrayEquals(last, received.get(1).bytes());
        assertEquals(2, source.framesDropped());
    }

    @Test
    void statusNamesTheCameraWithoutCredentialsAndCountsPartsAndBytes() throws Exception {
        byte[] first = TestJpegs.jpeg(0, 100);
        byte[] last = TestJpegs.jpeg(2, 100);
        byte[] html = "<html>camera busy</html>".getBytes(StandardCharsets.US_ASCII);
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts(first, html, last));
        HttpMjpegSource source = onDemand(camera.url("admin:secret@"), QUICK);
        assertEquals(LiveStatus.State.WAITING, source.status().orElseThrow().state());
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 2);
        LiveStatus live = source.status().orElseThrow();
        assertEquals(LiveStatus.State.LIVE, live.state());
        assertEquals(Optional.of("127.0.0.1:" + camera.port()), live.peer());
        assertEquals(2, live.framesIn());
        assertEquals(1, live.framesDropped(), "the HTML part");
        assertEquals(first.length + html.length + last.length, live.bytesIn(), "every part's bytes");
        assertEquals(0, live.reconnects());
        assertFalse(live.toString().contains("secret"));
    }

    @Test
    void whenTheUpstreamClosesTheSourceReconnectsAndFramesComeAgain() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, (connection, out) -> {
            out.head();
            out.part(TestJpegs.jpeg(2 * connection, 100));
            out.part(TestJpegs.jpeg(2 * connection + 1, 100));
            // returning closes the connection
        });
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= 6);
        assertTrue(source.reconnects() >= 2, "reconnects: " + source.reconnects());
        assertTrue(camera.connections() >= 3);
        for (int i = 1; i < received.size(); i++) {
            assertTrue(received.get(i).timeNanos() > received.get(i - 1).timeNanos(), "times rise across connections");
            assertEquals(i, received.get(i).index());
        }
    }

    @Test
    void aRefusingUpstreamIsRetriedUntilItServes() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, (connection, out) -> {
            if (connection < 2) {
                out.raw("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            parts(TestJpegs.jpeg(0, 100)).serve(connection, out);
        });
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == 1);
        assertEquals(2, source.reconnects());
        assertEquals(LiveStatus.State.LIVE, source.state());
    }

    @Test
    void aRefusedConnectionIsRetriedWithTheStateShown() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpMjpegSource source = onDemand("http://127.0.0.1:" + port + "/stream", QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> source.reconnects() >= 2);
        assertTrue(received.isEmpty());
        LiveStatus.State state = source.state();
        assertTrue(state == LiveStatus.State.RETRYING || state == LiveStatus.State.CONNECTING, state.toString());
    }

    @Test
    void aSilentUpstreamIsLeftAfterTheReadTimeoutAndReconnected() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts(TestJpegs.jpeg(0, 100)));
        HttpMjpegSource source = source(new HttpMjpegConfig(camera.url(), true, 1, null), QUICK);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= 2 && source.reconnects() >= 1);
    }

    @Test
    void onDemandConnectsOnlyWhenStartedAndDisconnectsAfterTheLinger() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, FakeCamera.streaming(20));
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> camera.connections() == 0);
        assertEquals(LiveStatus.State.WAITING, source.state());
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= 3);
        source.stop();
        int seen = received.size();
        await().atMost(WAIT).until(() -> camera.open() == 0 && source.state() == LiveStatus.State.WAITING);
        assertEquals(seen, received.size(), "no frame reaches the sink after stop");
        assertEquals(1, camera.connections());
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= seen + 3);
        assertEquals(2, camera.connections(), "a new connection after the linger");
    }

    @Test
    void aStopThenStartWithinTheLingerKeepsTheConnection() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, FakeCamera.streaming(20));
        HttpMjpegSource source = onDemand(camera.url(), LONG_LINGER);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= 3);
        source.stop();
        long framesIn = source.framesIn();
        await().atMost(WAIT).until(() -> source.framesIn() >= framesIn + 3);   // still reading
        source.start(received::add);
        int seen = received.size();
        await().atMost(WAIT).until(() -> received.size() >= seen + 3);
        assertEquals(1, camera.connections());
        assertEquals(1, camera.open());
    }

    @Test
    void alwaysOnConnectsAtOnceAndDeliversOnlyWhileStarted() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, FakeCamera.streaming(20));
        HttpMjpegSource source = source(new HttpMjpegConfig(camera.url(), false, null, null), QUICK);
        source.stayConnected();
        await().atMost(WAIT).until(() -> source.framesIn() >= 3);
        assertTrue(received.isEmpty(), "nobody started it");
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() >= 3);
        source.stop();
        int seen = received.size();
        long framesIn = source.framesIn();
        await().atMost(WAIT).until(() -> source.framesIn() >= framesIn + 5);
        assertEquals(seen, received.size(), "no frame after stop");
        assertEquals(1, camera.open(), "still connected");
        assertEquals(1, camera.connections());
    }

    @Test
    void closeDisconnectsAndRefusesAStart() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, FakeCamera.streaming(20));
        HttpMjpegSource source = source(new HttpMjpegConfig(camera.url(), false, null, null), QUICK);
        source.stayConnected();
        await().atMost(WAIT).until(() -> source.framesIn() >= 1);
        source.close();
        await().atMost(WAIT).until(() -> camera.open() == 0 && source.state() == LiveStatus.State.WAITING);
        assertThrows(IllegalStateException.class, () -> source.start(received::add));
        source.close();
    }

    @Test
    void startTwiceWithoutStopIsRefused() throws Exception {
        FakeCamera camera = camera(FakeCamera.Format.ESP32, parts());
        HttpMjpegSource source = onDemand(camera.url(), QUICK);
        source.start(received::add);
        assertThrows(IllegalStateException.class, () -> source.start(received::add));
        assertFalse(source.describe().isEmpty());
    }
}
