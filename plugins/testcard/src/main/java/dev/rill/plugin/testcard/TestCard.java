package dev.rill.plugin.testcard;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source: a test card whose frame n is due n / fps seconds after the card was opened (its
 * epoch), is stamped with that time, and shows that moment's wall-clock time.
 *
 * <p>While somebody watches ({@link #start} to {@link #stop}) one thread, {@code testcard-render},
 * renders each frame at its due time and hands it to the sink. Due times come from the frame
 * number, so they do not drift; a thread that falls more than a frame behind (a slow machine, a
 * long pause) skips to the frame due now instead of sending the missed ones in a burst. Frame
 * numbers keep counting from the epoch across stop and start, so times always rise. Nothing is
 * rendered while nobody watches. A frame that fails to render is logged and skipped.
 */
final class TestCard implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(TestCard.class);

    /** How long {@link #stop} and {@link #close} wait for the frame being rendered. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /**
     * Paints and encodes one frame. Called by one thread at a time.
     */
    interface Renderer extends AutoCloseable {
        /** Frame {@code index}, showing wall-clock {@code time}, as one complete JPEG. */
        byte[] render(long index, Instant time) throws IOException;

        /** Frees what rendering holds. */
        @Override
        void close();
    }

    /** One watched stretch: from a {@link #start} to its {@link #stop}. */
    private static final class Run {
        final FrameSink sink;
        volatile boolean stopped;
        Thread thread;

        Run(FrameSink sink) {
            this.sink = sink;
        }
    }

    private final VideoSize size;
    private final FrameClock clock;
    private final LongSupplier nanoClock;
    private final long epochNanos;
    private final Instant epochTime;
    /** Held while rendering, so that a run that outlives its stop never renders alongside the next. */
    private final ReentrantLock renderLock = new ReentrantLock();
    private final Renderer renderer;                      // guarded by renderLock
    private boolean rendererClosed;                       // guarded by renderLock
    /** Guards {@link #run} and {@link #closed}. */
    private final ReentrantLock lock = new ReentrantLock();
    private Run run;
    private boolean closed;
    /** The lowest frame number still to come: frame numbers never repeat, across runs too. */
    private final AtomicLong nextIndex = new AtomicLong();
    private final AtomicLong framesRendered = new AtomicLong();
    /** JPEG bytes rendered. */
    private final AtomicLong bytesRendered = new AtomicLong();
    /** Frames passed over because the render thread was late, and frames that failed to render. */
    private final AtomicLong framesMissed = new AtomicLong();
    /** For {@link #status()}, which must not wait for {@link #lock} (stop holds it while a frame renders). */
    private volatile LiveStatus.State state = LiveStatus.State.WAITING;

    /**
     * @param wallClock the time shown on the card, and its time zone
     * @param nanoClock {@code System.nanoTime()}, or a test's clock; read once now, as the epoch
     *                  of frame 0, and again whenever the render thread decides what is due
     */
    TestCard(VideoSize size, double fps, float quality, Clock wallClock, LongSupplier nanoClock) {
        this(size, fps, new CardRenderer(Objects.requireNonNull(size, "size"), checkFps(fps), quality, wallClock.getZone()),
                wallClock, nanoClock);
    }

    /** A card with its own renderer, for tests. */
    TestCard(VideoSize size, double fps, Renderer renderer, Clock wallClock, LongSupplier nanoClock) {
        this.size = Objects.requireNonNull(size, "size");
        this.clock = new FrameClock(checkFps(fps));
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.epochNanos = nanoClock.getAsLong();
        this.epochTime = wallClock.instant();
    }

    private static double checkFps(double fps) {
        if (!(fps > 0 && fps <= TestCardConfig.MAX_FPS)) {
            throw new IllegalArgumentException("fps must be in (0, 60]: " + fps);
        }
        return fps;
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.of(clock.fps());
    }

    @Override
    public Optional<VideoSize> videoSize() {
        return Optional.of(size);
    }

    /**
     * Starts the render thread, which hands every frame to {@code sink} from the one due now on.
     *
     * @throws IllegalStateException when already started, or closed
     */
    @Override
    public void start(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(describe() + " is closed");
            }
            if (run != null) {
                throw new IllegalStateException(describe() + " is already started");
            }
            Run started = new Run(sink);
            // A platform thread: Java2D and ImageIO would pin a virtual thread's carrier anyway.
            started.thread = Thread.ofPlatform().name("testcard-render").daemon().unstarted(() -> render(started));
            run = started;
            started.thread.start();
            state = LiveStatus.State.LIVE;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the render thread and waits for it, at most {@link #STOP_WAIT}; no frame reaches the sink after. */
    @Override
    public void stop() {
        lock.lock();
        try {
            Run stopping = run;
            run = null;
            state = closed ? LiveStatus.State.STOPPED : LiveStatus.State.WAITING;
            if (stopping != null) {
                stopping.stopped = true;
                LockSupport.unpark(stopping.thread);
                awaitEnd(stopping.thread);
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitEnd(Thread thread) {
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.warn("{}: a frame was still rendering {} ms after stop", describe(), STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The render thread's loop; ends when {@code run} is stopped. */
    private void render(Run run) {
        long n = Math.max(nextIndex.get(), currentIndex());
        boolean failing = false;
        while (!run.stopped) {
            long wait = epochNanos + clock.timeOf(n) - nanoClock.getAsLong();
            if (wait > 0) {
                // Woken early by stop() or spuriously: the loop looks again.
                LockSupport.parkNanos(this, wait);
                continue;
            }
            // More than a frame late: the frame due now, not a burst of stale ones.
            long due = currentIndex();
            if (due > n) {
                framesMissed.addAndGet(due - n);
                n = due;
            }
            Optional<Frame> frame = renderFrame(n, failing);
            failing = frame.isEmpty();
            if (failing) {
                framesMissed.incrementAndGet();
            }
            nextIndex.set(n + 1);
            if (frame.isPresent() && !run.stopped) {
                try {
                    run.sink.accept(frame.get());
                } catch (RuntimeException e) {
                    LOG.error("{}: the sink refused frame {}", describe(), n, e);
                }
            }
            n++;
        }
    }

    /** Renders frame {@code n}; empty when it fails, logged unless the frame before failed too. */
    private Optional<Frame> renderFrame(long n, boolean previousFailed) {
        renderLock.lock();
        try {
            if (rendererClosed) {
                return Optional.empty();   // a run that outlived close()
            }
            Frame frame = new Frame(n, clock.timeOf(n), renderer.render(n, presentationTime(n)));
            framesRendered.incrementAndGet();
            bytesRendered.addAndGet(frame.size());
            return Optional.of(frame);
        } catch (IOException | RuntimeException e) {
            if (previousFailed) {
                LOG.debug("{}: cannot render frame {} either", describe(), n, e);
            } else {
                LOG.error("{}: cannot render frame {}; skipped", describe(), n, e);
            }
            return Optional.empty();
        } finally {
            renderLock.unlock();
        }
    }

    /** The frame due at this moment of the nano clock: floor(elapsed * fps), 0 before the epoch. */
    private long currentIndex() {
        return clock.indexAt(nanoClock.getAsLong() - epochNanos);
    }

    /** The wall-clock time frame {@code index} shows: the epoch plus index / fps seconds. */
    Instant presentationTime(long index) {
        return epochTime.plusNanos(clock.timeOf(index));
    }

    /** Frames painted and encoded so far. */
    long framesRendered() {
        return framesRendered.get();
    }

    /**
     * LIVE while watched, WAITING while not, STOPPED once closed; no peer and no reconnects. Frames
     * in are those rendered, bytes in their JPEG bytes, frames dropped those skipped for lateness or
     * failed.
     */
    @Override
    public Optional<LiveStatus> status() {
        return Optional.of(new LiveStatus(state, Optional.empty(), framesRendered.get(), framesMissed.get(),
                bytesRendered.get(), 0));
    }

    /** True while a render thread runs: from {@link #start} until {@link #stop} has waited for it. */
    boolean rendering() {
        lock.lock();
        try {
            return run != null && run.thread.isAlive();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "testcard %s@%sfps", size, fpsText());
    }

    /** Stops rendering and frees the renderer; the card cannot be started again. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            state = LiveStatus.State.STOPPED;
        } finally {
            lock.unlock();
        }
        stop();
        try {
            if (renderLock.tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    rendererClosed = true;
                    renderer.close();
                } finally {
                    renderLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String fpsText() {
        double fps = clock.fps();
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
