package dev.rill.plugin.httpmjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.LiveStatus.State;
import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source: the JPEG parts of a camera's {@code multipart/x-mixed-replace} HTTP stream.
 *
 * <p>One reader thread (virtual: it only blocks on its socket) connects, reads parts with a
 * {@link MultipartReader}, keeps those that are whole JPEGs, stamps each with the time it arrived
 * (nanoseconds since the source was made, on the monotonic clock, always rising: the camera's own
 * rate passes through) and hands it to the sink, if one is started. When the upstream refuses,
 * drops or goes silent for the timeout, the reader waits and tries again: 1 s, doubling up to
 * 30 s, back to 1 s once a connection has brought a frame.
 *
 * <p>When it is connected: always from {@link #stayConnected()} to {@link #close()}
 * ({@code onDemand: false}; frames reach the sink only between {@link #start} and {@link #stop});
 * or, on demand, from {@link #start} until {@link #LINGER} after {@link #stop}, so that a viewer
 * who comes back at once finds the connection still open. The reader notices the end of the
 * linger at its next part, or at the read timeout when the camera is silent.
 *
 * <p>The URL's user-info is sent as Basic auth and shown nowhere: logs and {@link #describe()}
 * use the redacted URL.
 */
final class HttpMjpegSource implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(HttpMjpegSource.class);

    /** How long an on-demand source stays connected after its last viewer leaves. */
    static final Duration LINGER = Duration.ofSeconds(10);
    static final Duration BACKOFF_FIRST = Duration.ofSeconds(1);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for the reader thread to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /**
     * The source's waits: between attempts (first, doubling to max) and after the last viewer.
     * Tests shorten them.
     */
    record Timing(Duration backoffFirst, Duration backoffMax, Duration linger) {
        static final Timing DEFAULT = new Timing(BACKOFF_FIRST, BACKOFF_MAX, LINGER);

        Timing {
            if (backoffFirst.isNegative() || backoffFirst.isZero() || backoffMax.compareTo(backoffFirst) < 0
                    || linger.isNegative()) {
                throw new IllegalArgumentException("timing: 0 < backoffFirst <= backoffMax, linger >= 0: "
                        + backoffFirst + ", " + backoffMax + ", " + linger);
            }
        }
    }

    private final UpstreamUrl url;
    private final boolean onDemand;
    private final Duration timeout;
    private final int maxFrameBytes;
    private final Timing timing;
    private final long epochNanos = System.nanoTime();

    /** Guards the fields below it, up to the delivery lock. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when what is wanted changes: start, stop, close. */
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private boolean alwaysOn;
    private boolean lingering;
    private long lingerEndNanos;
    private Thread reader;
    private Socket socket;

    /** Held to change the sink and to hand a frame to it (taken after {@link #lock}, never before). */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private FrameSink sink;                 // written under both locks
    private long framesDelivered;           // guarded by deliveryLock
    private long lastTimeNanos = -1;        // guarded by deliveryLock

    /** Where the connection is (never STOPPED: a closed source is WAITING), for stats and tests. */
    private volatile State state = State.WAITING;
    private volatile Optional<VideoSize> size = Optional.empty();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    /** Bytes of the parts read, kept or dropped (headers and boundaries not counted). */
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicBoolean notJpegLogged = new AtomicBoolean();

    HttpMjpegSource(HttpMjpegConfig config) {
        this(config, Timing.DEFAULT);
    }

    HttpMjpegSource(HttpMjpegConfig config, Timing timing) {
        this.url = UpstreamUrl.parse(config.url());
        this.onDemand = config.onDemand();
        this.timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.maxFrameBytes = config.maxFrameBytes();
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /**
     * Connects now and stays connected (reconnecting as needed) until {@link #close()}: the
     * {@code onDemand: false} mode. Starts the reader thread; the provider calls it after
     * construction.
     *
     * @throws IllegalStateException when closed
     */
    void stayConnected() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(describe() + " is closed");
            }
            alwaysOn = true;
            startReaderIfWanted();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frames go to {@code sink} from now on; an on-demand source connects (or keeps the
     * connection it still has).
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
            deliveryLock.lock();
            try {
                if (this.sink != null) {
                    throw new IllegalStateException(describe() + " is already started");
                }
                this.sink = sink;
            } finally {
                deliveryLock.unlock();
            }
            lingering = false;
            changed.signalAll();
            startReaderIfWanted();
        } finally {
            lock.unlock();
        }
    }

    /** No frame reaches the sink after this returns; an on-demand source disconnects after the linger. */
    @Override
    public void stop() {
        lock.lock();
        try {
            deliveryLock.lock();
            try {
                sink = null;
            } finally {
                deliveryLock.unlock();
            }
            if (onDemand && !closed) {
                lingering = true;
                lingerEndNanos = System.nanoTime() + timing.linger().toNanos();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Disconnects and ends the reader (waiting at most {@link #CLOSE_WAIT}); the source cannot start again. */
    @Override
    public void close() {
        Thread ending;
        Socket open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            deliveryLock.lock();
            try {
                sink = null;
            } finally {
                deliveryLock.unlock();
            }
            ending = reader;
            open = socket;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(open);   // ends a blocked connect or read at once
        if (ending != null) {
            try {
                if (!ending.join(CLOSE_WAIT)) {
                    LOG.warn("{}: the reader was still running {} ms after close", describe(), CLOSE_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Under {@link #lock}: whether a connection is wanted now. */
    private boolean wanted() {
        return !closed && (alwaysOn || sink != null || (lingering && System.nanoTime() - lingerEndNanos < 0));
    }

    /** Under {@link #lock}. */
    private void startReaderIfWanted() {
        if (reader == null && wanted()) {
            reader = Thread.ofVirtual().name("http-mjpeg " + url.host()).unstarted(this::read);
            reader.start();
        }
    }

    /** The reader thread: connect, read, retry, until not wanted. */
    private void read() {
        Duration delay = timing.backoffFirst();
        boolean firstAttempt = true;
        while (true) {
            Socket attempt;
            lock.lock();
            try {
                if (!wanted()) {
                    reader = null;
                    state = State.WAITING;
                    return;
                }
                attempt = new Socket();
                socket = attempt;
            } finally {
                lock.unlock();
            }
            if (!firstAttempt) {
                reconnects.incrementAndGet();
            }
            firstAttempt = false;
            state = State.CONNECTING;
            LOG.info("{}: connecting", describe());
            boolean broughtFrames = false;
            String failure;
            try (attempt) {
                UpstreamRequest.Multipart stream = UpstreamRequest.open(attempt, url, timeout);
                state = State.LIVE;
                LOG.info("{}: connected, boundary \"{}\"", describe(), stream.boundary().replaceAll("[^\\x20-\\x7E]", "?"));
                MultipartReader parts = new MultipartReader(stream.body(), stream.boundary(), maxFrameBytes);
                while (stillWanted()) {
                    broughtFrames |= take(parts.next());
                }
                LOG.info("{}: disconnecting, nobody watches", describe());
                continue;   // the loop's top ends the thread
            } catch (IOException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (RuntimeException e) {
                LOG.error("{}: the reader failed", describe(), e);
                failure = e.toString();
            } finally {
                lock.lock();
                try {
                    if (socket == attempt) {
                        socket = null;
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (!stillWanted()) {
                continue;   // closed or stopped while connecting or reading: no retry to log
            }
            if (broughtFrames) {
                delay = timing.backoffFirst();
            }
            state = State.RETRYING;
            LOG.warn("{}: {}; trying again in {} ms", describe(), failure, delay.toMillis());
            if (!awaitRetry(delay)) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(timing.backoffMax()) > 0 ? timing.backoffMax() : delay.multipliedBy(2);
        }
    }

    private boolean stillWanted() {
        lock.lock();
        try {
            return wanted();
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@code delay}, or less when the connection stops being wanted; false when interrupted. */
    private boolean awaitRetry(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            while (wanted()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                if (lingering && sink == null && !alwaysOn) {
                    left = Math.min(left, Math.max(1, lingerEndNanos - System.nanoTime()));
                }
                changed.awaitNanos(left);
            }
            return true;   // the loop's top ends the thread
        } catch (InterruptedException e) {
            reader = null;
            state = State.WAITING;
            LOG.warn("{}: the reader was interrupted; it stops", describe());
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Counts, checks and hands on one part; true when it was a JPEG. */
    private boolean take(MultipartReader.Part part) {
        switch (part) {
            case MultipartReader.Part.Oversized oversized -> {
                bytesIn.addAndGet(oversized.bytes());
                framesDropped.incrementAndGet();
                LOG.warn("{}: dropped a part of {} bytes, over maxFrameBytes {}", describe(), oversized.bytes(), maxFrameBytes);
                return false;
            }
            case MultipartReader.Part.Body body -> {
                bytesIn.addAndGet(body.bytes().length);
                Optional<byte[]> jpeg = Jpeg.complete(body.bytes());
                if (jpeg.isEmpty()) {
                    framesDropped.incrementAndGet();
                    if (notJpegLogged.compareAndSet(false, true)) {
                        LOG.warn("{}: dropped a part of {} bytes that is not a JPEG (SOI...EOI); more are dropped quietly",
                                describe(), body.bytes().length);
                    } else {
                        LOG.debug("{}: dropped a part of {} bytes that is not a JPEG", describe(), body.bytes().length);
                    }
                    return false;
                }
                framesIn.incrementAndGet();
                if (size.isEmpty()) {
                    size = Jpeg.size(jpeg.get());
                }
                deliver(jpeg.get());
                return true;
            }
        }
    }

    private void deliver(byte[] jpeg) {
        deliveryLock.lock();
        try {
            if (sink == null) {
                return;
            }
            long time = Math.max(lastTimeNanos + 1, System.nanoTime() - epochNanos);
            lastTimeNanos = time;
            Frame frame = new Frame(framesDelivered++, time, jpeg);
            try {
                sink.accept(frame);
            } catch (RuntimeException e) {
                LOG.error("{}: the sink refused frame {}", describe(), frame.index(), e);
            }
        } finally {
            deliveryLock.unlock();
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing to unblock: nothing left to do
            }
        }
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    /** Empty: a camera's rate varies, and its frames carry the times they came at. */
    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.empty();
    }

    /** From the first frame's SOF; empty until one came. */
    @Override
    public Optional<VideoSize> videoSize() {
        return size;
    }

    @Override
    public String describe() {
        return "http-mjpeg " + url.redacted();
    }

    State state() {
        return state;
    }

    /** The camera as {@code host:port} (never its credentials), with the counters below; bytes in are the parts' bytes. */
    @Override
    public Optional<LiveStatus> status() {
        String host = url.host().indexOf(':') >= 0 && !url.host().startsWith("[") ? "[" + url.host() + "]" : url.host();
        return Optional.of(new LiveStatus(state, Optional.of(host + ":" + url.port()), framesIn(), framesDropped(),
                bytesIn.get(), reconnects()));
    }

    /** Parts that were whole JPEGs, delivered or not. */
    long framesIn() {
        return framesIn.get();
    }

    /** Parts dropped: over {@code maxFrameBytes}, or not a JPEG. */
    long framesDropped() {
        return framesDropped.get();
    }

    /** Connection attempts after a failure or a drop. */
    long reconnects() {
        return reconnects.get();
    }

    boolean onDemand() {
        return onDemand;
    }
}
