package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamStatsTest {

    private static final long MS = 1_000_000L;
    /** 20 fps at 90 kHz; never opened unless a test opens it. */
    private final StreamStats.Window closed = StreamStats.Window.notYet(20, 90_000);
    private final StreamStats.Intervals intervals = new StreamStats.Intervals();
    private final StreamStats stats = new StreamStats();

    private void packet(int seq) {
        stats.onPacket(seq & 0xFFFF, false, 0, 0, closed, intervals);
    }

    @Test
    void packetsInOrderLoseNothing() {
        for (int s = 100; s < 200; s++) {
            packet(s);
        }
        assertEquals(100, stats.expected());
        assertEquals(100, stats.received());
        assertEquals(0, stats.lost());
    }

    @Test
    void aGapCountsAsLost() {
        packet(10);
        packet(11);
        packet(14);
        assertEquals(5, stats.expected());
        assertEquals(2, stats.lost());
    }

    @Test
    void wrapAroundExtendsTheSequenceWithoutLoss() {
        for (int s = 65_530; s < 65_536 + 10; s++) {
            packet(s);
        }
        assertEquals(16, stats.expected());
        assertEquals(0, stats.lost());
        assertEquals(65_536 + 9, stats.extendedHighest());
    }

    @Test
    void aLossAcrossTheWrapIsCounted() {
        packet(65_534);
        packet(65_535);
        packet(2);
        assertEquals(5, stats.expected());
        assertEquals(2, stats.lost());
    }

    @Test
    void aReorderedPacketFillsItsGap() {
        packet(1);
        packet(3);
        packet(2);
        packet(4);
        assertEquals(0, stats.lost());
        assertEquals(1, stats.late());
    }

    @Test
    void aReorderedPacketAcrossTheWrapFillsItsGap() {
        packet(65_535);
        packet(1);
        packet(0);
        assertEquals(0, stats.lost());
        assertEquals(1, stats.late());
        assertEquals(65_537, stats.extendedHighest());
    }

    @Test
    void aDuplicateMakesLossNegativeAsRfc3550Says() {
        packet(1);
        packet(2);
        packet(2);
        assertEquals(-1, stats.lost());
    }

    @Test
    void aSingleWildJumpIsIgnoredAndTwoInSequenceRestart() {
        packet(100);
        packet(101);
        packet(30_000); // ignored: could be a stray packet
        assertEquals(0, stats.lost());
        assertEquals(2, stats.received());
        packet(30_001); // confirms: the sender restarted its sequence
        packet(30_002);
        assertEquals(1, stats.resyncs());
        assertEquals(0, stats.lost());
        assertEquals(4, stats.received());
    }

    @Test
    void theWindowCountsOnlyWhatArrivesInsideIt() {
        StreamStats.Window w = closed.opened(1_000 * MS, 1_000 * MS); // [1 s, 2 s)
        int seq = 0;
        // Frames of two packets every 50 ms from 0 to 2.5 s; one packet lost at 1.5 s.
        for (long t = 0; t <= 2_500 * MS; t += 50 * MS) {
            if (t != 1_500 * MS) {
                stats.onPacket(seq, false, 0, 0, w, intervals);
            }
            stats.onPacket(seq + 1, true, (int) (t / MS * 90), t, w, intervals);
            seq += 2;
        }
        stats.closeWindow();
        // Markers at 1.00 .. 1.95 s are in the window: 20 frames, 20 intervals of 50 ms (the
        // first one from the frame before the window).
        assertEquals(20, stats.windowFrames());
        assertEquals(20.0, stats.windowFpsWhileReceiving(), 1e-9);
        assertEquals(20, intervals.inWindow().count());
        assertEquals(19, intervals.beforeWindow().count()); // 0.05 .. 0.95 s
        assertEquals(50 * MS, intervals.inWindow().max());
        // Packets after the marker at 1.00 s through the marker at 2.00 s: 20 frames, one lost.
        assertEquals(39, stats.windowReceived());
        assertEquals(1, stats.windowLost());
        assertEquals(1, stats.lostUntilWindowEnd());
    }

    @Test
    void aSessionSilentAfterTheWindowIsSettledByCloseWindow() {
        StreamStats.Window w = closed.opened(0, 1_000 * MS);
        stats.onPacket(0, true, 0, 10 * MS, w, intervals);
        stats.onPacket(1, true, 4_500, 60 * MS, w, intervals);
        stats.closeWindow();
        assertEquals(2, stats.windowFrames());
        assertEquals(20.0, stats.windowFpsWhileReceiving(), 1e-9);
        assertEquals(1, stats.windowReceived());
        assertEquals(0, stats.windowLost());
    }

    @Test
    void scheduleOffsetFollowsTheTimestampSoALostFrameDoesNotShiftIt() {
        long base = 0xFFFF_F000L; // the timestamp wraps during the test
        stats.onPacket(0, true, (int) base, 0, closed, intervals);
        stats.onPacket(1, true, (int) (base + 4_500), 50 * MS, closed, intervals);
        // frame 2 lost; frame 3 arrives 3 ms late
        stats.onPacket(3, true, (int) (base + 3 * 4_500), 153 * MS, closed, intervals);
        assertEquals(3 * MS, stats.endOffsetNanos());
        assertEquals(3 * MS, stats.maxAbsOffsetNanos());
        assertEquals(3 * MS, stats.driftNanos());
        assertEquals(153 * MS, stats.playedNanos());
    }

    @Test
    void theOffsetAtTheEndIsTheWindowsLastFrameNotWhatCameAfter() {
        StreamStats.Window w = closed.opened(0, 1_000 * MS); // [0, 1 s)
        for (int k = 0; k < 20; k++) {
            stats.onPacket(k, true, k * 4_500, k * 50 * MS + 2 * MS, w, intervals);
        }
        // after the window, while sessions are torn down: 80 ms late
        for (int k = 20; k < 25; k++) {
            stats.onPacket(k, true, k * 4_500, k * 50 * MS + 82 * MS, w, intervals);
        }
        assertEquals(0, stats.endOffsetNanos());
        assertEquals(80 * MS, stats.maxAbsOffsetNanos());
        assertEquals(0, stats.windowDriftNanos().getAsLong());
    }

    @Test
    void driftOverTheWindowIgnoresHowLateTheSessionWasWhenItBegan() {
        StreamStats.Window w = closed.opened(1_000 * MS, 1_000 * MS); // [1 s, 2 s)
        stats.onPacket(0, true, 0, 0, w, intervals);
        for (int k = 1; k < 20; k++) { // 120 ms late from frame 1 on: a busy ramp
            stats.onPacket(k, true, k * 4_500, k * 50 * MS + 120 * MS, w, intervals);
        }
        for (int k = 20; k < 45; k++) { // then 1 ms more per frame inside the window
            stats.onPacket(k, true, k * 4_500, k * 50 * MS + 120 * MS + (k - 19) * MS, w, intervals);
        }
        // Frames 18..37 arrive in [1 s, 2 s): frame 17 was 120 ms late, frame 37 138 ms.
        assertEquals(18 * MS, stats.windowDriftNanos().getAsLong());
        assertEquals(138 * MS, stats.endOffsetNanos());
    }

    @Test
    void driftIsMeasuredFromTheBestOfTheFirstFrames() {
        // The first frame is 30 ms late; the rest keep time.
        stats.onPacket(0, true, 0, 30 * MS, closed, intervals);
        for (int k = 1; k < 40; k++) {
            stats.onPacket(k, true, k * 4_500, k * 50 * MS, closed, intervals);
        }
        assertEquals(-30 * MS, stats.endOffsetNanos());
        assertEquals(0, stats.driftNanos());
    }
}
