package dev.rill.plugin.testcard;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source: a test card whose frame n is presented n / fps seconds after the card was
 * opened and shows that moment's wall-clock time.
 *
 * <p>Frames exist only near "now": {@link #frame} answers for indexes from
 * {@link #PAST_WINDOW} frames before {@link #currentIndex} to {@link #FUTURE_WINDOW} after it, and
 * is empty outside. That window is exactly {@link #RING_SIZE} frames, the ring of rendered frames
 * every session shares: each frame is painted and encoded once, on demand, under one lock (a
 * second caller for the same index waits for the first and gets the same {@link Frame}). After
 * serving frame n the card renders n + 1 on a virtual thread, so the caller, usually the server's
 * single sender thread, finds the next frame ready. Nothing is rendered unless asked for: a card
 * nobody watches costs nothing but its memory.
 */
final class TestCard implements MediaSource {

    private static final Logger LOG = LoggerFactory.getLogger(TestCard.class);

    static final int RING_SIZE = 8;
    /** Frames before the current one still served (a late sender catches up on them). */
    static final int PAST_WINDOW = 5;
    /** Frames after the current one already served (a sender working slightly ahead). */
    static final int FUTURE_WINDOW = RING_SIZE - PAST_WINDOW - 1;
    /** How long {@link #close} waits for a frame being rendered. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final VideoSize size;
    private final double fps;
    private final LongSupplier nanoClock;
    private final long epochNanos;
    private final Instant epochTime;
    private final ReentrantLock renderLock = new ReentrantLock();
    private final CardRenderer renderer;                  // guarded by renderLock
    private final AtomicReferenceArray<Frame> ring = new AtomicReferenceArray<>(RING_SIZE);
    private final AtomicBoolean renderingAhead = new AtomicBoolean();
    private final AtomicLong framesRendered = new AtomicLong();
    private final ExecutorService ahead =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("testcard-ahead-", 0).factory());
    private volatile boolean closed;

    /**
     * @param wallClock the time shown on the card, and its time zone
     * @param nanoClock {@code System.nanoTime()}, or a test's clock; read once now, as the epoch
     *                  of frame 0, and again whenever {@link #frame} decides what "now" is
     */
    TestCard(VideoSize size, double fps, float quality, Clock wallClock, LongSupplier nanoClock) {
        if (!(fps > 0 && fps <= TestCardConfig.MAX_FPS)) {
            throw new IllegalArgumentException("fps must be in (0, 60]: " + fps);
        }
        this.size = Objects.requireNonNull(size, "size");
        this.fps = fps;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.epochNanos = nanoClock.getAsLong();
        this.epochTime = wallClock.instant();
        this.renderer = new CardRenderer(size, fps, quality, wallClock.getZone());
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.empty();
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return Optional.of(size);
    }

    /** floor((nanoTime - epoch) * fps / 1e9), and 0 before the epoch. */
    @Override
    public long currentIndex(long nanoTime) {
        long elapsed = nanoTime - epochNanos;
        return elapsed <= 0 ? 0 : (long) Math.floor(elapsed * fps / 1e9);
    }

    @Override
    public Optional<Frame> frame(long index) {
        long now = currentIndex(nanoClock.getAsLong());
        if (closed || !inWindow(index, now)) {
            return Optional.empty();
        }
        Optional<Frame> frame = Optional.ofNullable(cached(index)).or(() -> render(index));
        frame.ifPresent(f -> renderAhead(index + 1, now));
        return frame;
    }

    /** The wall-clock time frame {@code index} shows: the epoch plus index / fps seconds. */
    Instant presentationTime(long index) {
        return epochTime.plusNanos(Math.round(index * 1e9 / fps));
    }

    /** Frames painted and encoded so far, ahead or on demand. */
    long framesRendered() {
        return framesRendered.get();
    }

    /** True when frame {@code index} is in the ring, rendered. */
    boolean rendered(long index) {
        return cached(index) != null;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "testcard %s@%sfps", size, fpsText());
    }

    @Override
    public void close() {
        closed = true;
        ahead.shutdown();
        try {
            if (!ahead.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: a frame was still rendering after {} ms", describe(), CLOSE_WAIT_MILLIS);
            }
            if (renderLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    renderer.close();
                } finally {
                    renderLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < RING_SIZE; i++) {
            ring.set(i, null);
        }
    }

    private static boolean inWindow(long index, long now) {
        return index >= 0 && index >= now - PAST_WINDOW && index <= now + FUTURE_WINDOW;
    }

    private Frame cached(long index) {
        Frame frame = ring.get(slot(index));
        return frame != null && frame.index() == index ? frame : null;
    }

    private static int slot(long index) {
        return (int) (index % RING_SIZE);
    }

    /** Renders under the lock, unless another thread did while this one waited for it. */
    private Optional<Frame> render(long index) {
        renderLock.lock();
        try {
            Frame frame = cached(index);
            if (frame != null) {
                return Optional.of(frame);
            }
            if (closed) {
                return Optional.empty();
            }
            frame = new Frame(index, renderer.render(index, presentationTime(index)));
            ring.set(slot(index), frame);
            framesRendered.incrementAndGet();
            return Optional.of(frame);
        } catch (IOException | RuntimeException e) {
            // Never throw into the sender: this frame is skipped, the next one tried afresh.
            LOG.error("{}: cannot render frame {}", describe(), index, e);
            return Optional.empty();
        } finally {
            renderLock.unlock();
        }
    }

    /** At most one frame rendered ahead at a time, and only one that will be in the window. */
    private void renderAhead(long next, long now) {
        if (closed || !inWindow(next, now) || cached(next) != null || !renderingAhead.compareAndSet(false, true)) {
            return;
        }
        try {
            ahead.execute(() -> {
                try {
                    if (!closed && inWindow(next, currentIndex(nanoClock.getAsLong())) && cached(next) == null) {
                        render(next);
                    }
                } finally {
                    renderingAhead.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            renderingAhead.set(false);   // closing
        }
    }

    private String fpsText() {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
