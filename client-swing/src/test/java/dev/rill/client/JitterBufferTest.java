package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.ReceivedFrame;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final long MS = 1_000_000L;
    private static final int CLOCK = 90_000;

    private static JitterBuffer buffer(int maxFrames) {
        return new JitterBuffer(CLOCK, 100 * MS, maxFrames, 500 * MS);
    }

    private static ReceivedFrame frame(long timestamp) {
        return new ReceivedFrame(timestamp, new byte[] {(byte) timestamp});
    }

    @Test
    void showsFramesAtTheirTimestampsNotAtTheirArrival() {
        JitterBuffer b = buffer(16);
        b.offer(frame(0), 0);                 // due at 100 ms
        b.offer(frame(9_000), 20 * MS);       // 100 ms later in RTP time, came early: due at 200 ms
        assertEquals(0, b.pollDue(150 * MS).orElseThrow().frame().timestamp());
        assertTrue(b.pollDue(199 * MS).isEmpty());
        assertEquals(9_000, b.pollDue(200 * MS).orElseThrow().frame().timestamp());
    }

    @Test
    void dropsAndCountsAFrameThatCompletesAfterItsTime() {
        JitterBuffer b = buffer(16);
        b.offer(frame(0), 0);
        assertEquals(JitterBuffer.Outcome.LATE, b.offer(frame(9_000), 250 * MS)); // was due at 200 ms
        assertEquals(1, b.late());
        assertEquals(1, b.size());
    }

    @Test
    void startsTheClockAgainAfterLateFramesInARow() {
        JitterBuffer b = new JitterBuffer(CLOCK, 100 * MS, 16, 2_000 * MS);
        b.offer(frame(0), 0);
        for (int i = 1; i <= JitterBuffer.LATE_IN_A_ROW_TO_RESYNC; i++) {
            assertEquals(JitterBuffer.Outcome.LATE, b.offer(frame(i * 9_000L), (i * 100 + 150) * MS));
        }
        assertEquals(JitterBuffer.Outcome.QUEUED, b.offer(frame(4 * 9_000L), 560 * MS));
        assertEquals(0, b.pollDue(Long.MAX_VALUE).orElseThrow().frame().timestamp());
        assertEquals(660 * MS, b.nextDue().orElseThrow()); // the new timeline: 560 ms + the playout delay
    }

    @Test
    void dropsTheOldestFrameWhenFull() {
        JitterBuffer b = buffer(3);
        for (int i = 0; i < 4; i++) {
            b.offer(frame(i * 3_000L), i * MS);
        }
        assertEquals(1, b.overflow());
        assertEquals(3, b.size());
        assertEquals(3_000, b.pollDue(Long.MAX_VALUE).orElseThrow().frame().timestamp());
    }

    @Test
    void dropsTheOldestFrameWhenMoreThanTheSpanIsHeld() {
        JitterBuffer b = new JitterBuffer(CLOCK, 100 * MS, 16, 150 * MS);
        b.offer(frame(0), 0);
        b.offer(frame(9_000), 0);   // 100 ms later
        b.offer(frame(18_000), 0);  // 200 ms later than the first: over the span
        assertEquals(1, b.overflow());
        assertEquals(9_000, b.pollDue(Long.MAX_VALUE).orElseThrow().frame().timestamp());
    }

    @Test
    void aTimestampJumpStartsANewTimelineInsteadOfDroppingFrames() {
        JitterBuffer b = buffer(16);
        b.offer(frame(0), 0);
        b.pollDue(100 * MS);
        assertEquals(JitterBuffer.Outcome.QUEUED, b.offer(frame(90_000L * 3600), 140 * MS)); // an hour on
        assertEquals(1, b.resyncs());
        assertEquals(240 * MS, b.nextDue().orElseThrow());
    }

    @Test
    void unwrapsTimestampsAcrossTwoToThe32() {
        JitterBuffer b = buffer(16);
        b.offer(frame(0xFFFFFFFFL - 4_499), 0);  // due at 100 ms
        b.offer(frame(4_500), 100 * MS);          // 9,000 units = 100 ms later: due at 200 ms
        assertEquals(0, b.resyncs());
        b.pollDue(100 * MS);
        assertEquals(200 * MS, b.nextDue().orElseThrow());
    }

    @Test
    void resetForgetsFramesAndTheClock() {
        JitterBuffer b = buffer(16);
        b.offer(frame(0), 0);
        b.offer(frame(9_000), 0);
        b.reset();
        assertEquals(0, b.size());
        b.offer(frame(500_000), 1_000 * MS);
        assertEquals(1_100 * MS, b.nextDue().orElseThrow());
        assertEquals(0, b.resyncs());
    }
}
