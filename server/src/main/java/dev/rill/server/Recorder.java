package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one live mount: it reads the source through the source's {@link LiveTap}, as the
 * viewers' feeds do (so the source runs once, and keeps running while recorded), and writes each
 * frame on a thread of its own into {@link Segment}s of {@code segmentSeconds}, deleting the
 * oldest finished segments beyond {@code keepSegments}. The source's thread only offers frames to
 * a queue of {@link #QUEUE_FRAMES}: when the disk is slower than the source, frames are dropped
 * and counted, and the source never waits for the disk.
 */
final class Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** Frames waiting for the disk: at most 32 x 100 KB (the container's largest frame) per mount. */
    static final int QUEUE_FRAMES = 32;
    /** The longest the thread waits for a frame before it looks at the clock and its running flag. */
    private static final long POLL_MILLIS = 250;
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    /** How far back from a frame's end an EOI is looked for: a camera may pad a frame after it. */
    private static final int EOI_SEARCH_BYTES = 64;

    private final String mountPath;
    private final LiveTap tap;
    private final SegmentNames names;
    private final long segmentNanos;
    private final int keepSegments;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final FrameSink reader = this::offer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unrecordable = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    /** Owned by the worker thread. */
    private Optional<Segment> segment = Optional.empty();
    private long segmentStartNanos;
    /** Owned by the worker thread: whether the last disk operation failed, so a full disk logs once, not per frame. */
    private boolean failing;

    Recorder(String mountPath, LiveTap tap, SegmentNames names, int segmentSeconds, int keepSegments) {
        this.mountPath = mountPath;
        this.tap = tap;
        this.names = names;
        this.segmentNanos = TimeUnit.SECONDS.toNanos(segmentSeconds);
        this.keepSegments = keepSegments;
        this.worker = Thread.ofPlatform().name("rill-record " + mountPath).daemon(true).unstarted(this::run);
    }

    /** Starts the writer, then the source (if no viewer has yet). */
    void start() {
        worker.start();
        tap.open(reader);
        LOG.info("recording {} into {} as {}-<UTC start>.Mjpeg, {} s a segment, the last {} kept", mountPath,
                names.directory(), names.prefix(), TimeUnit.NANOSECONDS.toSeconds(segmentNanos), keepSegments);
    }

    /** Called by the source's thread, through the tap; never blocks. */
    private void offer(Frame frame) {
        if (!queue.offer(frame)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        while (running) {
            Frame frame;
            try {
                frame = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (segment.isPresent() && System.nanoTime() - segmentStartNanos >= segmentNanos) {
                finishSegment();
            }
            if (frame != null) {
                record(frame);
            }
        }
        // Stopping: what the source handed over before the tap closed is written (at most the
        // queue's bound), then the segment is finished.
        for (Frame frame = queue.poll(); frame != null; frame = queue.poll()) {
            record(frame);
        }
        finishSegment();
    }

    private void record(Frame frame) {
        Optional<byte[]> jpeg = wholeJpeg(frame);
        if (jpeg.isEmpty()) {
            if (unrecordable.incrementAndGet() == 1) {
                LOG.warn("{}: frame {} ({} bytes) is not one JPEG of at most {} bytes and is not recorded"
                        + " (further such frames are counted, not logged)", mountPath, frame.index(), frame.size(),
                        Segment.MAX_FRAME_BYTES);
            }
            return;
        }
        try {
            if (segment.isEmpty()) {
                segment = Optional.of(Segment.begin(names.fresh(Instant.now())));
                segmentStartNanos = System.nanoTime();
            }
            segment.get().write(jpeg.get(), frame.timeNanos());
            recorded.incrementAndGet();
            failing = false;
        } catch (IOException e) {
            failed("cannot write", e);
            finishSegment();
        }
    }

    /**
     * The frame's JPEG as the container takes it: from SOI to the EOI, bytes a camera sent after
     * the EOI left out; empty for anything else or a frame too large for the length field.
     */
    static Optional<byte[]> wholeJpeg(Frame frame) {
        byte[] data = frame.bytes();
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        for (int end = data.length; end >= Math.max(4, data.length - EOI_SEARCH_BYTES); end--) {
            if ((data[end - 2] & 0xFF) == 0xFF && (data[end - 1] & 0xFF) == 0xD9) {
                return end > Segment.MAX_FRAME_BYTES ? Optional.empty()
                        : Optional.of(end == data.length ? data : java.util.Arrays.copyOf(data, end));
            }
        }
        return Optional.empty();
    }

    private void finishSegment() {
        if (segment.isEmpty()) {
            return;
        }
        Segment done = segment.get();
        segment = Optional.empty();
        try {
            if (done.finish()) {
                LOG.info("{}: segment {} finished, {} frames", mountPath, done.file().getFileName(), done.frames());
                try {
                    deleteOld();
                } finally {
                    finished.incrementAndGet();
                }
            }
        } catch (IOException e) {
            failed("cannot finish segment " + done.file().getFileName(), e);
        }
    }

    private void deleteOld() throws IOException {
        List<Path> finished = names.finished();
        for (Path old : finished.subList(0, Math.max(0, finished.size() - keepSegments))) {
            Files.deleteIfExists(SegmentNames.timesOf(old));
            Files.deleteIfExists(old);
            LOG.info("{}: deleted {}, more than {} segments kept", mountPath, old.getFileName(), keepSegments);
        }
    }

    private void failed(String what, IOException e) {
        if (!failing) {
            LOG.error("{}: {} in {}: {} (recording goes on with the next frame; repeated errors are not logged)",
                    mountPath, what, names.directory(), e.toString());
        }
        failing = true;
    }

    /** Frames written since start. */
    long recorded() {
        return recorded.get();
    }

    /** Segments finished since start (the oldest beyond {@code keepSegments} already deleted). */
    long segmentsFinished() {
        return finished.get();
    }

    /** Frames dropped because the disk was behind. */
    long dropped() {
        return dropped.get();
    }

    /** Lets go of the source, writes what it handed over and finishes the segment, waiting a bounded time. */
    void close() {
        tap.close(reader);
        running = false;
        try {
            worker.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("{}: the recorder did not finish its segment within {} ms", mountPath, CLOSE_WAIT_MILLIS);
        }
        if (dropped.get() > 0 || unrecordable.get() > 0) {
            LOG.info("{}: {} frames recorded, {} dropped because the disk was behind, {} not recordable", mountPath,
                    recorded.get(), dropped.get(), unrecordable.get());
        }
    }
}
