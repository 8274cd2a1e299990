package dev.rill.plugin.httpmjpeg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A camera that sends what it should not: a 100 MB part, a boundary that never comes, garbage
 * between parts. Each time the source keeps at most its bounds in memory (the reader's limits are
 * {@code maxFrameBytes} kept and {@link MultipartReader#SKIP_FACTOR} times that scanned), says so
 * in the log, and frames that come after the bad input reach the sink: on the same connection
 * when the reader can find the next part, after a reconnect when it cannot.
 */
class HostileCameraTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpMjpegSource.Timing QUICK = new HttpMjpegSource.Timing(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200));
    private static final long HUNDRED_MB = 100L << 20;
    private static final int WRITE_BYTES = 64 * 1024;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Frame> received = new CopyOnWriteArrayList<>();
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

    private HttpMjpegSource started(String url, Integer maxFrameBytes) {
        HttpMjpegSource source = new HttpMjpegSource(new HttpMjpegConfig(url, true, null, maxFrameBytes), QUICK);
        open.add(source);
        source.start(received::add);
        return source;
    }

    /** The good frames a connection after the bad one sends, then the connection held open. */
    private void goodConnection(int connection, FakeCamera.Writer out) throws IOException, InterruptedException {
        out.head();
        out.part(TestJpegs.jpeg(100 + connection, 500));
        out.part(TestJpegs.jpeg(200 + connection, 500));
        out.delimiter();
        end.await();
    }

    /**
     * Writes {@code total} bytes of {@code filler} (repeated) as they are read, 64 KiB at a time
     * and never all at once; counts what the client took. Returns when done or when the client
     * closed the connection.
     */
    private static void stream(FakeCamera.Writer out, byte filler, long total, AtomicLong written) {
        byte[] chunk = new byte[WRITE_BYTES];
        Arrays.fill(chunk, filler);
        try {
            while (written.get() < total) {
                out.body(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the source gave up and closed: what this test wants
        }
    }

    @ParameterizedTest(name = "Content-Length given: {0}")
    @ValueSource(booleans = {true, false})
    void aHundredMegabytePartIsNotKeptAndFramesComeAgainAfterIt(boolean contentLength) throws Exception {
        byte[] before = TestJpegs.jpeg(1, 400);
        AtomicLong written = new AtomicLong();
        FakeCamera camera = camera(new FakeCamera.Format(contentLength, true, "\r\n", false, false), (connection, out) -> {
            if (connection > 0) {
                goodConnection(connection, out);
                return;
            }
            out.head();
            out.part(before);
            out.raw("--frame\r\nContent-Type: image/jpeg\r\n" + (contentLength ? "Content-Length: " + HUNDRED_MB + "\r\n" : "")
                    + "\r\n");
            out.raw(new byte[] {(byte) 0xFF, (byte) 0xD8});
            stream(out, (byte) 0x55, HUNDRED_MB, written);
        });
        HttpMjpegSource source = started(camera.url(), null);   // maxFrameBytes: the default 8 MiB

        await().atMost(WAIT).until(() -> received.size() >= 3);

        assertArrayEquals(before, received.get(0).bytes());
        assertArrayEquals(TestJpegs.jpeg(101, 500), received.get(1).bytes(), "the next connection's first frame");
        assertEquals(1, source.reconnects(), "the part has no end within the bound: the connection is given up");
        long bound = (long) HttpMjpegConfig.DEFAULT_MAX_FRAME_BYTES * MultipartReader.SKIP_FACTOR;
        assertTrue(written.get() < HUNDRED_MB / 2, "the source read " + written.get() + " bytes of the part; it stops"
                + " after " + bound + " (plus what the sockets buffer)");
    }

    @Test
    void aStreamWhoseBoundaryNeverComesIsGivenUpWithinMaxFrameBytesAndReconnected() throws Exception {
        AtomicLong written = new AtomicLong();
        FakeCamera camera = camera(FakeCamera.Format.ESP32, (connection, out) -> {
            if (connection > 0) {
                goodConnection(connection, out);
                return;
            }
            out.head();   // announces boundary "frame", then never writes it
            stream(out, (byte) 'x', HUNDRED_MB, written);
        });
        HttpMjpegSource source = started(camera.url(), 64 * 1024);

        await().atMost(WAIT).until(() -> received.size() >= 2);

        assertArrayEquals(TestJpegs.jpeg(101, 500), received.get(0).bytes());
        assertEquals(1, source.reconnects());
        assertTrue(written.get() < 16L << 20, "read " + written.get() + " bytes looking for the first boundary");
    }

    @Test
    void aPartWhoseNextBoundaryNeverComesIsGivenUpAfterTheSkipBoundAndReconnected() throws Exception {
        byte[] before = TestJpegs.jpeg(1, 400);
        AtomicLong written = new AtomicLong();
        FakeCamera camera = camera(new FakeCamera.Format(false, true, "\r\n", false, false), (connection, out) -> {
            if (connection > 0) {
                goodConnection(connection, out);
                return;
            }
            out.head();
            out.part(before);
            out.raw("--frame\r\nContent-Type: image/jpeg\r\n\r\n");   // ends the part before, opens one that never ends
            stream(out, (byte) 0x42, HUNDRED_MB, written);
        });
        HttpMjpegSource source = started(camera.url(), 64 * 1024);

        await().atMost(WAIT).until(() -> received.size() >= 3);

        assertArrayEquals(before, received.get(0).bytes());
        assertArrayEquals(TestJpegs.jpeg(101, 500), received.get(1).bytes());
        assertEquals(1, source.reconnects());
        assertTrue(written.get() < 16L << 20, "read " + written.get() + " bytes of a part with no end");
    }

    /** Bytes a broken camera might write after a part: binary, line ends, near-delimiters, a stray SOI. */
    private static byte[] garbage() {
        byte[] noise = new byte[3000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (i * 37 + 11);
        }
        return concat("\r\n--fram\r\nframe\r\n-- frame\n".getBytes(StandardCharsets.ISO_8859_1), noise,
                new byte[] {(byte) 0xFF, (byte) 0xD8, '\r', '\n'});
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void garbageBetweenPartsWithLengthsIsSkippedAndEveryFrameArrives() throws Exception {
        byte[] a = TestJpegs.jpeg(1, 700);
        byte[] b = TestJpegs.jpeg(2, 900);
        byte[] c = TestJpegs.jpeg(3, 300);
        FakeCamera camera = camera(FakeCamera.Format.ESP32, (connection, out) -> {
            out.head();
            out.part(a);
            out.body(garbage());
            out.part(b);
            out.body(garbage());
            out.part(c);
            out.delimiter();
            end.await();
        });
        HttpMjpegSource source = started(camera.url(), null);

        await().atMost(WAIT).until(() -> received.size() >= 3);

        assertArrayEquals(a, received.get(0).bytes());
        assertArrayEquals(b, received.get(1).bytes());
        assertArrayEquals(c, received.get(2).bytes());
        assertEquals(0, source.framesDropped());
        assertEquals(0, source.reconnects());
    }

    @Test
    void garbageAfterAPartWithoutLengthSpoilsThatPartOnlyWhichIsDroppedNotSentBroken() throws Exception {
        byte[] a = TestJpegs.jpeg(1, 700);
        byte[] b = TestJpegs.jpeg(2, 900);
        byte[] c = TestJpegs.jpeg(3, 300);
        FakeCamera camera = camera(new FakeCamera.Format(false, true, "\r\n", false, false), (connection, out) -> {
            out.head();
            out.part(a);
            out.part(b);
            out.body(garbage());   // without a length, this belongs to b's body (RFC 2046): b no longer ends with EOI
            out.part(c);
            out.delimiter();
            end.await();
        });
        HttpMjpegSource source = started(camera.url(), null);

        await().atMost(WAIT).until(() -> received.size() >= 2 && source.framesDropped() == 1);

        assertArrayEquals(a, received.get(0).bytes());
        assertArrayEquals(c, received.get(1).bytes());
        assertEquals(0, source.reconnects());
    }
}
