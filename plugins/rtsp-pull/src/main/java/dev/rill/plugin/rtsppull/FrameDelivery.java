package dev.rill.plugin.rtsppull;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import dev.rill.wire.FrameTimes;
import dev.rill.spi.ReceivedFrame;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a source's rebuilt frames go, across all its upstream sessions: stamped with rising
 * times ({@link FrameTimes}), numbered, and handed to the sink while there is one. Only the
 * newest stream delivers, so a receiving thread of a session that has ended cannot slip a frame
 * in after its successor began. Thread-safe; the counters are the source's.
 */
final class FrameDelivery {

    private static final FrameSink NOBODY = frame -> { };

    /** Frames rebuilt from the upstream's packets, delivered or not. */
    final AtomicLong framesIn = new AtomicLong();
    /** Frames the depayloaders dropped (packets missing or malformed). */
    final AtomicLong framesDropped = new AtomicLong();
    /** RTP packets dropped before the depayloader: malformed, or of another payload type. */
    final AtomicLong packetsDropped = new AtomicLong();
    /** Bytes of every RTP packet received (header and payload), kept or dropped. */
    final AtomicLong bytesIn = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final FrameTimes times;
    private FrameSink sink = NOBODY;
    private long nextIndex;
    private long stream;

    /** @param clockRate the RTP clock of the streams, Hz */
    FrameDelivery(int clockRate) {
        this.times = new FrameTimes(clockRate);
    }

    /** From now on frames go to {@code frameSink}. */
    void attach(FrameSink frameSink) {
        lock.lock();
        try {
            sink = frameSink;
        } finally {
            lock.unlock();
        }
    }

    /** No frame reaches the sink once this returns. */
    void detach() {
        attach(NOBODY);
    }

    /** A new upstream session begins; the one before delivers no more. Returns its number. */
    long newStream() {
        lock.lock();
        try {
            times.newStream();
            return ++stream;
        } finally {
            lock.unlock();
        }
    }

    /** Ends stream {@code number}, if it is still the newest. */
    void endStream(long number) {
        lock.lock();
        try {
            if (stream == number) {
                stream++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A frame of stream {@code number}, complete on arrival at {@code nowNanos}. */
    void deliver(long number, ReceivedFrame frame, long nowNanos) {
        framesIn.incrementAndGet();
        lock.lock();
        try {
            if (number != stream) {
                return;
            }
            long time = times.stamp(frame.timestamp(), nowNanos);
            sink.accept(new Frame(nextIndex++, time, frame.data()));
        } finally {
            lock.unlock();
        }
    }
}
