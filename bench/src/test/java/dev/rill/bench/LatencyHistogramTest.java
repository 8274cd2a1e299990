package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfSmallValuesAreExactByNearestRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(100, h.count());
        assertEquals(1, h.percentile(0));
        assertEquals(1, h.percentile(1));
        assertEquals(50, h.percentile(50));
        assertEquals(99, h.percentile(99));
        assertEquals(100, h.percentile(100));
        assertEquals(100, h.max());
        assertEquals(1, h.min());
        assertEquals(50.5, h.mean(), 1e-9);
    }

    @Test
    void largeValuesAreReportedAtMostOneBucketHigh() {
        LatencyHistogram h = new LatencyHistogram();
        // 50 ms intervals, one in a hundred at 65 ms.
        for (int i = 0; i < 99; i++) {
            h.record(50_000_000L);
        }
        h.record(65_000_000L);
        long p50 = h.percentile(50);
        long p99 = h.percentile(99);
        assertTrue(p50 >= 50_000_000L && p50 <= 50_000_000L * 129 / 128, "p50 " + p50);
        assertTrue(p99 >= 50_000_000L && p99 <= 50_000_000L * 129 / 128, "p99 " + p99);
        assertEquals(65_000_000L, h.percentile(100));
        assertEquals(65_000_000L, h.max());
    }

    @Test
    void percentileNeverExceedsTheExactMaximum() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_001);
        assertEquals(1_000_001, h.percentile(50));
    }

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentile(99));
        assertEquals(0, h.max());
        assertEquals(0, h.min());
        assertEquals(0, h.mean());
    }

    @Test
    void addMergesCountsAndExtremes() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int v = 1; v <= 50; v++) {
            a.record(v);
        }
        for (int v = 51; v <= 100; v++) {
            b.record(v);
        }
        a.add(b);
        assertEquals(100, a.count());
        assertEquals(99, a.percentile(99));
        assertEquals(100, a.max());
        assertEquals(1, a.min());
    }

    @Test
    void negativeValuesCountAsZeroAndHugeOnesKeepTheirMaximum() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertEquals(0, h.percentile(50));
        assertEquals(Long.MAX_VALUE, h.max());
        assertEquals(Long.MAX_VALUE, h.percentile(100));
    }

    @Test
    void everyValueLiesInItsBucketWithinOnePart128() {
        for (long v = 0; v < LatencyHistogram.MAX_TRACKED; v = v * 3 / 2 + 7) {
            int index = LatencyHistogram.index(v);
            long highest = LatencyHistogram.highestValue(index);
            assertTrue(highest >= v, v + " above its bucket's highest " + highest);
            assertTrue(highest - v <= Math.max(0, v / 128), v + " too far below " + highest);
            if (index > 0) {
                assertTrue(LatencyHistogram.highestValue(index - 1) < v, v + " fits the bucket below");
            }
        }
    }
}
