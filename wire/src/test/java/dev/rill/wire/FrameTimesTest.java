package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameTimesTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsFromTheFirstFrameAcrossTheTimestampWrap() {
        FrameTimes t = new FrameTimes(90_000);
        assertEquals(0, t.stamp(0xFFFF_FFFFL - 4_499, 0));
        assertEquals(100 * MS, t.stamp(4_500, 1));           // 9,000 ticks on, past 2^32
        assertEquals(200 * MS, t.stamp(13_500, 2));
    }

    @Test
    void aNewStreamStartsTheWallClockGapAfterTheLastFrame() {
        FrameTimes t = new FrameTimes(90_000);
        t.stamp(1_000, 0);
        t.stamp(10_000, 5 * MS);                              // 100 ms
        t.newStream();
        assertEquals(100 * MS + 2_000 * MS, t.stamp(777, 2_005 * MS));
        assertEquals(2_200 * MS, t.stamp(777 + 9_000, 2_010 * MS));
    }

    @Test
    void aTimestampThatGoesBackStillGivesARisingTime() {
        FrameTimes t = new FrameTimes(90_000);
        t.stamp(90_000, 0);
        assertEquals(FrameTimes.MIN_STEP_NANOS, t.stamp(0, 0));
        assertEquals(FrameTimes.MIN_STEP_NANOS + 100 * MS, t.stamp(9_000, 0));
    }
}
