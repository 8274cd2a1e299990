package dev.rill.server;

import dev.rill.spi.HttpCall;
import dev.rill.spi.HttpRoute;
import dev.rill.spi.HttpRouteContext;
import dev.rill.spi.HttpRouteProvider;
import dev.rill.spi.HttpViewerInfo;
import dev.rill.spi.HttpViewers;
import dev.rill.spi.Mount;
import dev.rill.spi.StoredSource;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own HTTP routes, for browsers: {@code GET /stream/<mount>} (multipart MJPEG, one
 * {@code image/jpeg} part per frame, paced by the frames' presentation times) and
 * {@code GET /snapshot/<mount>} (one JPEG). Mounts resolve exactly as RTSP's do, and frames come
 * from the prefetch stage in {@link WholeJpegFormat}: an HTTP viewer holds the feed of its source
 * in that format like a session holds its own, one virtual thread per viewer. A viewer that stops
 * reading blocks in its write (the socket's buffer is the only one) and afterwards skips to the
 * frame due now; a closed connection fails the next write and lets go of the feed. Each streaming
 * viewer is an {@link HttpViewer} that statistics see through {@link #viewerReport()}. {@code HEAD}
 * gets the headers {@code GET} would get and no body (a stream is not begun for it).
 */
final class HttpMedia implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpMedia.class);
    static final String STREAM = "/stream";
    static final String SNAPSHOT = "/snapshot";
    static final String BOUNDARY = "rill-frame";
    /** Longest wait for a stored frame being prepared; past it the stream ends. */
    static final long FRAME_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A live viewer looks at the server's state at least this often while no frame comes. */
    static final long LIVE_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest wait of a snapshot for a live source's first frame (it may just have been started). */
    static final long FIRST_FRAME_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A stored viewer later than this for a frame skips it, and those after it, until it is on time. */
    static final long MAX_LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * A snapshot keeps a live mount's feed (and so its source) started this long after it answered:
     * the web page asks for one every second, and a camera restarted for each would show its first
     * frame seconds late, if at all.
     */
    static final long LIVE_SNAPSHOT_LINGER_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Largest {@code ?width=} asked for. */
    static final int MAX_WIDTH = 8192;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final byte[] CRLF = {'\r', '\n'};

    private final ServerContext context;
    /** Totals over every viewer, ended or not; each rises with its viewer's own counter. */
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong partsWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong viewersOpened = new AtomicLong();
    /** Streaming viewers by id. */
    private final ConcurrentHashMap<String, HttpViewer> streaming = new ConcurrentHashMap<>();
    /** Streaming viewers by mount path; a path leaves the map when its last viewer goes. */
    private final ConcurrentHashMap<String, Integer> viewersByMount = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HttpMedia(ServerContext context) {
        this.context = context;
    }

    /** A built-in route, held to the same prefix rules as plugins' routes. */
    record BuiltIn(String prefix, HttpRoute handler) implements HttpRouteProvider {
        @Override
        public HttpRoute route(HttpRouteContext ignored) {
            return handler;
        }
    }

    /** The routes {@code /stream} and {@code /snapshot}. */
    List<BuiltIn> providers() {
        return List.of(new BuiltIn(STREAM, this::stream), new BuiltIn(SNAPSHOT, this::snapshot));
    }

    /** Frames HTTP viewers skipped because they were not reading fast enough, for tests and statistics. */
    long framesDropped() {
        return framesDropped.get();
    }

    /** Parts HTTP viewers have written, for tests. */
    long partsWritten() {
        return partsWritten.get();
    }

    /** The viewers streaming now, oldest first, and the totals, for statistics. */
    HttpViewers viewerReport() {
        List<HttpViewerInfo> now = streaming.values().stream().map(HttpViewer::info)
                .sorted(Comparator.comparing(HttpViewerInfo::startedAt).thenComparing(HttpViewerInfo::id)).toList();
        return new HttpViewers(now, viewersOpened.get(), partsWritten.get(), bytesWritten.get(), framesDropped.get());
    }

    /** HTTP viewers streaming now. */
    int viewers() {
        return viewersByMount.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** HTTP viewers streaming {@code mountPath} now (snapshots are not viewers). */
    int viewers(String mountPath) {
        return viewersByMount.getOrDefault(mountPath, 0);
    }

    void stream(HttpCall call) throws IOException {
        String type = "multipart/x-mixed-replace; boundary=" + BOUNDARY;
        if (call.method().equals("HEAD")) {
            // The headers a stream would begin with; no feed, so a live source is not started for it.
            Optional<Mount> mount = hold(call, STREAM);
            if (mount.isPresent()) {
                try {
                    if (seconds(call).isPresent()) {
                        call.setHeader("Cache-Control", "no-cache");
                        call.stream(200, type).close();
                    }
                } finally {
                    context.mounts().release(mount.get());
                }
            }
            return;
        }
        Optional<Held> held = open(call, STREAM);
        if (held.isEmpty()) {
            return;
        }
        OptionalDouble start = seconds(call);
        if (start.isEmpty()) {
            held.get().close();
            return;
        }
        String mountPath = held.get().mount.path();
        HttpViewer viewer = new HttpViewer("h" + viewersOpened.incrementAndGet(), call.peer(), mountPath, Instant.now());
        streaming.put(viewer.id, viewer);
        viewersByMount.merge(mountPath, 1, Integer::sum);
        try (Held h = held.get()) {
            call.setHeader("Cache-Control", "no-cache");
            try (OutputStream out = call.stream(200, type)) {
                switch (h.feed) {
                    case StoredFeed stored -> playStored(stored, (long) (start.getAsDouble() * 1e9), out, viewer);
                    case LiveFeed live -> playLive(live, out, viewer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            viewersByMount.computeIfPresent(mountPath, (path, n) -> n == 1 ? null : n - 1);
            streaming.remove(viewer.id);
        }
    }

    void snapshot(HttpCall call) throws IOException {
        Optional<Held> held = open(call, SNAPSHOT);
        if (held.isEmpty()) {
            return;
        }
        OptionalDouble at = seconds(call);
        OptionalInt width = width(call);
        if (at.isEmpty() || width.isEmpty()) {
            held.get().close();
            return;
        }
        Optional<PreparedFrame> frame;
        Held h = held.get();
        try {
            frame = switch (h.feed) {
                case StoredFeed stored -> {
                    long index = Math.min(stored.source().indexAt((long) (at.getAsDouble() * 1e9)), stored.frameCount() - 1);
                    yield index < 0 ? Optional.empty() : stored.await(index, FRAME_WAIT_NANOS);
                }
                case LiveFeed live -> live.newest().filter(f -> current(live, f)).isPresent() ? live.newest()
                        : live.newerThan(null, FIRST_FRAME_WAIT_NANOS).filter(f -> current(live, f));
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame = Optional.empty();
        } finally {
            if (h.feed instanceof LiveFeed && !closed) {
                // One parked virtual thread per live snapshot, for at most the linger; the feed's
                // count of users keeps the source started while any of them waits.
                Thread.ofVirtual().name("rill-snapshot-linger").start(() -> {
                    long until = System.nanoTime() + LIVE_SNAPSHOT_LINGER_NANOS;
                    for (long left = LIVE_SNAPSHOT_LINGER_NANOS; left > 0 && !closed; left = until - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                    h.close();
                });
            } else {
                h.close();
            }
        }
        byte[] jpeg = frame.map(WholeJpegFormat::jpeg).orElse(new byte[0]);
        if (jpeg.length == 0) {
            call.respond(503, TEXT, bytes(call.path() + ": no frame to show yet\n"));
            return;
        }
        if (width.getAsInt() > 0) {
            jpeg = scaled(jpeg, width.getAsInt());
        }
        call.setHeader("Cache-Control", "no-cache");
        call.respond(200, "image/jpeg", jpeg);
    }

    /** A mount and its feed in {@link WholeJpegFormat}, held while a viewer uses them. */
    private final class Held implements AutoCloseable {
        final Mount mount;
        final Feed feed;

        Held(Mount mount, Feed feed) {
            this.mount = mount;
            this.feed = feed;
        }

        @Override
        public void close() {
            context.feeds().release(feed);
            context.mounts().release(mount);
        }
    }

    /** The mount the path names after {@code prefix}, held with its feed; answers 405 or 404 itself when there is none. */
    private Optional<Held> open(HttpCall call, String prefix) throws IOException {
        Optional<Mount> mount = hold(call, prefix);
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Held(mount.get(), context.feeds().acquire(mount.get().source(), WholeJpegFormat.INSTANCE)));
        } catch (RuntimeException e) {
            context.mounts().release(mount.get());
            throw e;
        }
    }

    /** The mount the path names after {@code prefix}, held; answers 405, 503 or 404 itself when there is none. */
    private Optional<Mount> hold(HttpCall call, String prefix) throws IOException {
        if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
            call.setHeader("Allow", "GET, HEAD");
            call.respond(405, TEXT, bytes("only GET and HEAD\n"));
            return Optional.empty();
        }
        if (closed || !context.accepting()) {
            call.respond(503, TEXT, bytes("the server is stopping\n"));
            return Optional.empty();
        }
        String rest = call.path().substring(prefix.length());
        // Decoded and checked by the same rules as an RTSP URL's path (no dot segments, no encoded tricks).
        Optional<String> path = rest.length() > 1
                ? RequestTarget.parse("rtsp://http" + rest).map(RequestTarget::mountPath) : Optional.empty();
        Optional<Mount> mount = path.flatMap(context.mounts()::resolve).flatMap(context.mounts()::holdResolved);
        if (mount.isEmpty()) {
            String named = path.orElse(rest.isEmpty() ? "/" : rest);
            call.respond(404, TEXT, bytes("no mount " + named + "\n"));
        } else if (mount.get().source() instanceof PublishedSource p && !p.publishing()) {
            context.mounts().release(mount.get());
            call.respond(404, TEXT, bytes("nobody is publishing to " + p.path() + "\n"));
            return Optional.empty();
        }
        return mount;
    }

    /** {@code ?t=} in seconds (default 0); empty, having answered 400, when it is not a time. */
    private static OptionalDouble seconds(HttpCall call) throws IOException {
        Optional<String> t = call.parameter("t");
        double value = 0;
        if (t.isPresent()) {
            try {
                value = Double.parseDouble(t.get());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value >= 0 && value < 1e9)) {
                call.respond(400, TEXT, bytes("t must be seconds from the start, >= 0: " + t.get() + "\n"));
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(value);
    }

    /** {@code ?width=} (0 when not asked for); empty, having answered 400, when it is not a width. */
    private static OptionalInt width(HttpCall call) throws IOException {
        Optional<String> w = call.parameter("width");
        if (w.isEmpty()) {
            return OptionalInt.of(0);
        }
        if (w.get().matches("\\d{1,5}")) {
            int value = Integer.parseInt(w.get());
            if (value >= 1 && value <= MAX_WIDTH) {
                return OptionalInt.of(value);
            }
        }
        call.respond(400, TEXT, bytes("width must be 1.." + MAX_WIDTH + " pixels: " + w.get() + "\n"));
        return OptionalInt.empty();
    }

    /**
     * Stored: from the frame on show at {@code startNanos}, each frame when its presentation time
     * is due, as a new RTSP session would play it. A frame more than {@link #MAX_LATE_NANOS} late
     * (the viewer was not reading) is skipped without being fetched.
     */
    private void playStored(StoredFeed feed, long startNanos, OutputStream out, HttpViewer viewer)
            throws IOException, InterruptedException {
        StoredSource source = feed.source();
        long count = feed.frameCount();
        if (count == 0) {
            return;
        }
        long first = source.indexAt(startNanos);
        if (!feed.loops() && first >= count) {
            return;
        }
        long clock = System.nanoTime();
        feed.prefetch(first, clock);
        long baseMedia = -1;
        for (long position = first; (feed.loops() || position < count) && !closed; position++) {
            long index = feed.frameIndex(position);
            long media = feed.mediaTime(position, source.timeOf(index));
            if (baseMedia < 0) {
                baseMedia = media;
            }
            long due = clock + (media - baseMedia);
            long now = System.nanoTime();
            if (now - due > MAX_LATE_NANOS) {
                skipped(viewer, 1);
                continue;
            }
            feed.prefetchAt(position + StoredFeed.AHEAD, now);
            Optional<PreparedFrame> frame = feed.await(index, FRAME_WAIT_NANOS);
            if (frame.isEmpty() || frame.get() == StoredFeed.UNREADABLE) {
                if (frame.isEmpty() && !closed) {
                    LOG.warn("{}: frame {} was not ready within {} ms; the HTTP stream ends", source.describe(), index + 1,
                            TimeUnit.NANOSECONDS.toMillis(FRAME_WAIT_NANOS));
                }
                return;
            }
            for (long wait = due - System.nanoTime(); wait > 0 && !closed; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
            writePart(out, frame.get(), viewer);
        }
    }

    /** False for a frame of a publisher that has left: a snapshot must not show the one before. */
    private static boolean current(LiveFeed feed, PreparedFrame frame) {
        return !(feed.source() instanceof PublishedSource p) || p.publishing() && frame.index() >= p.firstIndex();
    }

    /**
     * Live: every newest frame from the next one on; frames prepared while the viewer was writing
     * are skipped. A published stream's viewer ends when its publisher leaves, as RTSP's get BYE.
     */
    private void playLive(LiveFeed feed, OutputStream out, HttpViewer viewer) throws IOException, InterruptedException {
        PreparedFrame last = feed.newest().orElse(null);
        long publisher = feed.source() instanceof PublishedSource p ? p.generation() : 0;
        while (!closed) {
            if (feed.source() instanceof PublishedSource p && (!p.publishing() || p.generation() != publisher)) {
                return;
            }
            Optional<PreparedFrame> frame = feed.newerThan(last, LIVE_TICK_NANOS);
            if (frame.isEmpty()) {
                continue;
            }
            if (last != null && frame.get().index() > last.index() + 1) {
                skipped(viewer, frame.get().index() - last.index() - 1);
            }
            last = frame.get();
            writePart(out, last, viewer);
        }
    }

    private void skipped(HttpViewer viewer, long frames) {
        viewer.framesSkipped.addAndGet(frames);
        framesDropped.addAndGet(frames);
    }

    /** One part: its headers, the JPEG, a line end; flushed so that the viewer shows it now. */
    private void writePart(OutputStream out, PreparedFrame frame, HttpViewer viewer) throws IOException {
        byte[] jpeg = WholeJpegFormat.jpeg(frame);
        if (jpeg.length == 0) {
            return;   // a frame that could not be read; the payloader logged it
        }
        byte[] head = bytes("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n");
        out.write(head);
        out.write(jpeg);
        out.write(CRLF);
        out.flush();
        long size = head.length + jpeg.length + CRLF.length;
        viewer.framesSent.incrementAndGet();
        viewer.bytesSent.addAndGet(size);
        partsWritten.incrementAndGet();
        bytesWritten.addAndGet(size);
    }


    /** The JPEG scaled down to {@code width} pixels wide, aspect kept; as it is when it is not wider. */
    static byte[] scaled(byte[] jpeg, int width) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null || image.getWidth() <= width) {
            return jpeg;
        }
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Viewers end at their next frame or tick; the listener closes their connections. */
    @Override
    public void close() {
        closed = true;
    }
}
