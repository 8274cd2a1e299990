package dev.rill.bench;

import java.util.OptionalLong;

/**
 * What one session received, in primitive fields, updated by one receiver thread per packet
 * without allocating. Sequence numbers are extended and losses counted as RFC 3550 A.1 and A.3
 * do: lost = expected - received, where expected = extended highest - base + 1 (so a duplicate
 * lowers it, and a late packet that fills a gap is not lost).
 *
 * <p>The measurement window ({@link Window}) is entered and left lazily: the first marker packet
 * that arrives at or after the window's start takes a snapshot of the counters (after counting
 * itself), and so does the first one at or after its end, so the window holds whole frames;
 * {@link #closeWindow} settles sessions that received nothing after the end. No command passes
 * between threads, and the clock is read once per frame, not once per packet.
 *
 * <p>Frames are counted by marker bits (RFC 2435: the last packet of a frame). The inter-frame
 * interval is the time between two marker packets' arrivals; the schedule offset of frame k is
 * its arrival minus (first frame's arrival + k / fps), where k comes from the RTP timestamp
 * (so a lost frame does not shift later ones); the drift is the last offset measured from the
 * smallest offset of the first {@link #ANCHOR_FRAMES} frames instead of the first frame's.
 */
final class StreamStats {

    /** RFC 3550 A.1: a jump forward of less than this is accepted as packets lost. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a jump backward of less than this is a late (reordered or duplicate) packet. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    /**
     * Frames whose smallest schedule offset anchors the drift measure: the least delayed of the
     * first second's frames is a better estimate of where the schedule starts than the first
     * frame alone, which a cold server may send late.
     */
    static final int ANCHOR_FRAMES = 20;

    private enum WindowState { BEFORE, INSIDE, AFTER }

    // Sequence state, RFC 3550 A.1.
    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    /** Packets expected before the last resynchronisation. */
    private long expectedCarry;
    private int badSeq = SEQ_MOD + 1; // "so seq == bad_seq is false"
    private long received;
    private long late;
    private long resyncs;

    // Frames.
    private long frames;
    private long lastMarkerNanos;
    private long firstMarkerNanos;
    private long firstMarkerTimestamp;
    private long extendedTimestamp;
    private int lastTimestamp;
    private boolean timestampStarted;
    private long lastOffsetNanos;
    private long maxAbsOffsetNanos;
    private long anchorOffsetNanos = Long.MAX_VALUE;

    // The window.
    private WindowState window = WindowState.BEFORE;
    private long startExpected;
    private long startReceived;
    private long endExpected;
    private long endReceived;
    private long windowFrames;
    private long windowFirstMarker;
    private long windowLastMarker;
    private long windowEndOffsetNanos;
    private long windowStartOffsetNanos;
    private boolean windowEntered;

    /**
     * One RTP packet: the sequence number, marker bit and timestamp of its header, and when it
     * arrived ({@code System.nanoTime()}, read only for marker packets, else any value).
     *
     * @param intervals where inter-frame intervals are recorded
     */
    void onPacket(int seq, boolean marker, int timestamp, long now, Window w, Intervals intervals) {
        if (!sequence(seq)) {
            return;
        }
        if (marker) {
            if (window != WindowState.AFTER) {
                advanceWindow(now, w);
            }
            onMarker(timestamp, now, w, intervals);
        }
    }

    /** RFC 3550 A.1 update_seq; false when the packet is ignored (a jump to be confirmed). */
    private boolean sequence(int seq) {
        if (!started) {
            started = true;
            init(seq);
            received++;
            return true;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two packets in sequence after a big jump: the sender restarted; start over,
                // keeping what was expected so far (the first packet of the jump is not counted).
                expectedCarry = expected();
                init(seq);
                resyncs++;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        } else {
            late++;
        }
        received++;
        return true;
    }

    private void init(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        badSeq = SEQ_MOD + 1;
    }

    private void onMarker(int timestamp, long now, Window w, Intervals intervals) {
        if (!timestampStarted) {
            timestampStarted = true;
            lastTimestamp = timestamp;
            extendedTimestamp = 0;
            firstMarkerTimestamp = 0;
            firstMarkerNanos = now;
        } else {
            extendedTimestamp += timestamp - lastTimestamp; // signed 32-bit difference: unwraps
            lastTimestamp = timestamp;
            if (window == WindowState.INSIDE) {
                intervals.inWindow().record(now - lastMarkerNanos);
            } else if (window == WindowState.BEFORE) {
                intervals.beforeWindow().record(now - lastMarkerNanos);
            }
        }
        frames++;
        lastMarkerNanos = now;
        long k = Math.round((extendedTimestamp - firstMarkerTimestamp) / w.timestampUnitsPerFrame());
        lastOffsetNanos = now - firstMarkerNanos - Math.round(k * w.framePeriodNanos());
        maxAbsOffsetNanos = Math.max(maxAbsOffsetNanos, Math.abs(lastOffsetNanos));
        if (frames <= ANCHOR_FRAMES) {
            anchorOffsetNanos = Math.min(anchorOffsetNanos, lastOffsetNanos);
        }
        if (window == WindowState.INSIDE) {
            if (windowFrames == 0) {
                windowFirstMarker = now;
            }
            windowFrames++;
            windowLastMarker = now;
        }
    }

    private void advanceWindow(long now, Window w) {
        if (window == WindowState.BEFORE && now >= w.start()) {
            window = WindowState.INSIDE;
            windowEntered = true;
            windowStartOffsetNanos = lastOffsetNanos;
            startExpected = expected();
            startReceived = received;
        }
        if (window == WindowState.INSIDE && now >= w.end()) {
            leaveWindow();
        }
    }

    private void leaveWindow() {
        window = WindowState.AFTER;
        windowEndOffsetNanos = lastOffsetNanos;
        endExpected = expected();
        endReceived = received;
    }

    /**
     * Settles the window for a session whose last packet came before the window ended (or that
     * never got into it). Call from the receiver thread, or after it stopped.
     */
    void closeWindow() {
        if (window == WindowState.BEFORE) {
            startExpected = expected();
            startReceived = received;
        }
        if (window != WindowState.AFTER) {
            leaveWindow();
        }
    }

    /** RFC 3550 A.3: extended highest sequence number - base + 1; 0 before the first packet. */
    long expected() {
        return started ? expectedCarry + cycles + maxSeq - baseSeq + 1 : 0;
    }

    /** RFC 3550 A.1: cycles and highest sequence number received; 0 before the first packet. */
    long extendedHighest() {
        return started ? cycles + maxSeq : 0;
    }

    long received() {
        return received;
    }

    /** Packets lost over the session's life (may be negative with duplicates, RFC 3550 A.3). */
    long lost() {
        return expected() - received;
    }

    long late() {
        return late;
    }

    long resyncs() {
        return resyncs;
    }

    long frames() {
        return frames;
    }

    long windowReceived() {
        return endReceived - startReceived;
    }

    long windowLost() {
        return (endExpected - startExpected) - (endReceived - startReceived);
    }

    /** Packets lost from the first packet to the end of the window. */
    long lostUntilWindowEnd() {
        return endExpected - endReceived;
    }

    long windowFrames() {
        return windowFrames;
    }

    /** {@code System.nanoTime()} of the last frame in the window; 0 when none. */
    long windowLastMarkerNanos() {
        return windowFrames == 0 ? 0 : windowLastMarker;
    }

    /**
     * Frames per second while frames came, inside the window: (n - 1) / time from its first to
     * its last frame there. Independent of where the window's edges cut, but blind to a stream
     * that stopped early; 0 with fewer than two frames.
     */
    double windowFpsWhileReceiving() {
        if (windowFrames < 2 || windowLastMarker == windowFirstMarker) {
            return 0;
        }
        return (windowFrames - 1) * 1e9 / (windowLastMarker - windowFirstMarker);
    }

    /**
     * Schedule offset of the window's last frame once the window is over, else of the last frame
     * received, nanoseconds (positive: late). Frames after the window do not count: by then the
     * sessions are being torn down, which is work for the server, not pacing.
     */
    long endOffsetNanos() {
        return window == WindowState.AFTER ? windowEndOffsetNanos : lastOffsetNanos;
    }

    /**
     * Drift over the window: {@link #endOffsetNanos()} less the offset of the last frame before
     * the window, nanoseconds (positive: the session fell behind while measured); empty when
     * the session never got into the window. Whatever anchors the offsets cancels out, so a
     * late first frame or a busy ramp does not count, only pacing inside the window.
     */
    OptionalLong windowDriftNanos() {
        return windowEntered ? OptionalLong.of(endOffsetNanos() - windowStartOffsetNanos) : OptionalLong.empty();
    }

    /**
     * Drift: {@link #endOffsetNanos()} less the smallest offset of the first
     * {@link #ANCHOR_FRAMES} frames, nanoseconds (positive: the session fell behind); 0 before
     * the first frame.
     */
    long driftNanos() {
        return frames == 0 ? 0 : endOffsetNanos() - anchorOffsetNanos;
    }

    /** Largest absolute schedule offset of any frame received, nanoseconds. */
    long maxAbsOffsetNanos() {
        return maxAbsOffsetNanos;
    }

    /** When the first frame's marker packet arrived ({@code System.nanoTime()}); 0 before it did. */
    long firstMarkerNanos() {
        return firstMarkerNanos;
    }

    /** Nanoseconds from the first to the last frame received; 0 before two frames. */
    long playedNanos() {
        return frames < 2 ? 0 : lastMarkerNanos - firstMarkerNanos;
    }

    /**
     * Where inter-frame intervals go: before the window (while others ramp up, and settling) and
     * inside it. One per receiver thread.
     */
    record Intervals(LatencyHistogram beforeWindow, LatencyHistogram inWindow) {
        Intervals() {
            this(new LatencyHistogram(), new LatencyHistogram());
        }
    }

    /**
     * The measurement window and the frame timing it judges against: shared by every session,
     * read per marker packet.
     *
     * @param start                  {@code System.nanoTime()} when it opens
     * @param end                    when it closes
     * @param framePeriodNanos       1e9 / expected fps
     * @param timestampUnitsPerFrame RTP clock rate / expected fps (4,500 for 20 fps at 90 kHz)
     */
    record Window(long start, long end, double framePeriodNanos, double timestampUnitsPerFrame) {
        Window {
            if (end < start) {
                throw new IllegalArgumentException("window end " + end + " before its start " + start);
            }
            if (!(framePeriodNanos > 0) || !(timestampUnitsPerFrame > 0)) {
                throw new IllegalArgumentException("frame period and timestamp units per frame must be > 0: "
                        + framePeriodNanos + ", " + timestampUnitsPerFrame);
            }
        }

        /** A window not yet opened: it starts at the end of time. */
        static Window notYet(double fps, int clockRate) {
            return new Window(Long.MAX_VALUE, Long.MAX_VALUE, 1e9 / fps, clockRate / fps);
        }

        Window opened(long startNanos, long durationNanos) {
            return new Window(startNanos, startNanos + durationNanos, framePeriodNanos, timestampUnitsPerFrame);
        }
    }
}
