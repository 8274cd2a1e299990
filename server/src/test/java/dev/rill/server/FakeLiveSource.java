package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A live source the test drives: {@link #push} hands a frame to the sink the server attached. */
final class FakeLiveSource implements LiveSource {

    private final String name;
    private final AtomicReference<FrameSink> sink = new AtomicReference<>();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();

    FakeLiveSource(String name) {
        this.name = name;
    }

    /** Hands {@code frame} to the attached sink, as the source's own thread would. */
    void push(Frame frame) {
        FrameSink s = sink.get();
        if (s == null) {
            throw new IllegalStateException(name + " is not started");
        }
        s.accept(frame);
    }

    /** A frame of {@code size} bytes at {@code timeNanos}, its content as {@link FakeStoredSource#dataOf}. */
    static Frame frame(long index, long timeNanos, int size) {
        return new Frame(index, timeNanos, FakeStoredSource.dataOf(index, size));
    }

    int starts() {
        return starts.get();
    }

    int stops() {
        return stops.get();
    }

    @Override
    public void start(FrameSink s) {
        starts.incrementAndGet();
        sink.set(s);
    }

    @Override
    public void stop() {
        stops.incrementAndGet();
        sink.set(null);
    }

    @Override
    public String encoding() {
        return FakePayloadFormat.NAME;
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.empty();
    }

    @Override
    public String describe() {
        return name;
    }
}
