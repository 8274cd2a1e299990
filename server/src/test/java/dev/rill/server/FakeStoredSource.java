package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.StoredSource;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stored source made to order for unit tests: {@code count} frames at a fixed rate, each
 * {@code frameBytes} bytes whose content names the frame ({@link #dataOf}). It counts the reads of
 * each frame and its closes; a frame can be made unreadable, made to throw, or held back behind a
 * gate the test opens.
 */
final class FakeStoredSource implements StoredSource {

    /** The longest a gated read waits for its gate: a test that forgets to open it still ends. */
    private static final long GATE_TIMEOUT_SECONDS = 60;

    private final String name;
    private final long count;
    private final FrameClock clock;
    private final int frameBytes;
    private final ConcurrentHashMap<Long, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Set<Long> unreadable = ConcurrentHashMap.newKeySet();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile byte[] shared;
    private volatile boolean loops;

    FakeStoredSource(String name, long count, double fps, int frameBytes) {
        this.name = name;
        this.count = count;
        this.clock = new FrameClock(fps);
        this.frameBytes = frameBytes;
    }

    /** Every frame is the same array (a large frame costs its bytes once): for memory accounts. */
    FakeStoredSource sharingOneArray() {
        shared = new byte[frameBytes];
        return this;
    }

    FakeStoredSource looping() {
        loops = true;
        return this;
    }

    /** Frame {@code index} cannot be read: the source answers empty. */
    FakeStoredSource unreadableAt(long index) {
        unreadable.add(index);
        return this;
    }

    /** Reading frame {@code index} throws. */
    FakeStoredSource failingAt(long index) {
        failing.add(index);
        return this;
    }

    /** Reading frame {@code index} blocks until the returned gate is opened (counted down). */
    CountDownLatch gateAt(long index) {
        return gates.computeIfAbsent(index, i -> new CountDownLatch(1));
    }

    /** The bytes of frame {@code index}: each byte depends on the index and its offset. */
    static byte[] dataOf(long index, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (index * 31 + i);
        }
        return data;
    }

    int reads(long index) {
        AtomicInteger n = reads.get(index);
        return n == null ? 0 : n.get();
    }

    int totalReads() {
        return reads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int closes() {
        return closes.get();
    }

    FrameClock clock() {
        return clock;
    }

    @Override
    public String encoding() {
        return FakePayloadFormat.NAME;
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.of(clock.fps());
    }

    @Override
    public long frameCount() {
        return count;
    }

    @Override
    public long timeOf(long index) {
        return clock.timeOf(index);
    }

    @Override
    public long indexAt(long timeNanos) {
        return Math.min(count, clock.indexAt(timeNanos));
    }

    @Override
    public Duration duration() {
        return clock.durationOf(count);
    }

    @Override
    public boolean loops() {
        return loops;
    }

    @Override
    public Optional<Frame> frame(long index) {
        reads.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
        CountDownLatch gate = gates.get(index);
        if (gate != null) {
            try {
                gate.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing.contains(index)) {
            throw new IllegalStateException("frame " + index + " always fails");
        }
        if (index < 0 || index >= count || unreadable.contains(index)) {
            return Optional.empty();
        }
        byte[] data = shared != null ? shared : dataOf(index, frameBytes);
        return Optional.of(new Frame(index, clock.timeOf(index), data));
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
