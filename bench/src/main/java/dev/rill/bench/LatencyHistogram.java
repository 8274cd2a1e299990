package dev.rill.bench;

import java.util.Arrays;

/**
 * A histogram of durations in nanoseconds with log-linear buckets: values below 256 are exact,
 * above that each power of two is split into 128 buckets, so a reported value is at most 1/128
 * (0.8 %) above the true one. Covers 0 to 2^40 ns (about 18 minutes); larger values land in the
 * last bucket, and the exact maximum is kept apart. Fixed size (4,352 counters, 35 KB): recording
 * never allocates. Not thread-safe: one per thread, then {@link #add} them.
 */
final class LatencyHistogram {

    /** Buckets per power of two above 2^SUB_BITS. */
    private static final int SUB_BITS = 7;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    /** The largest value with its own bucket; larger ones share the last. */
    static final long MAX_TRACKED = (1L << 40) - 1;
    private static final int BUCKETS = index(MAX_TRACKED) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;
    private long min = Long.MAX_VALUE;
    private double sum;

    /** Records one value in nanoseconds; negative values count as 0. */
    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(Math.min(v, MAX_TRACKED))]++;
        total++;
        sum += v;
        if (v > max) {
            max = v;
        }
        if (v < min) {
            min = v;
        }
    }

    /** Adds every value recorded in {@code other}. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    long count() {
        return total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    long max() {
        return max;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    long min() {
        return total == 0 ? 0 : min;
    }

    double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /**
     * The value at {@code percentile} (0..100) by nearest rank: the highest value of the bucket
     * that holds the ceil(p/100 * count)-th smallest value, capped at the exact maximum; 0 when
     * empty.
     */
    long percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be 0..100: " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                // The last bucket also holds everything beyond MAX_TRACKED: only max bounds it.
                return i == BUCKETS - 1 ? max : Math.min(highestValue(i), max);
            }
        }
        return max;
    }

    /** A copy of this histogram. */
    LatencyHistogram copy() {
        LatencyHistogram c = new LatencyHistogram();
        c.add(this);
        return c;
    }

    static int index(long value) {
        if (value < 2 * SUB_COUNT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS + 1
        int shift = exponent - SUB_BITS;
        long mantissa = value >>> shift;                        // in [SUB_COUNT, 2 * SUB_COUNT)
        return shift * SUB_COUNT + (int) mantissa;
    }

    /** The largest value whose index is {@code index}. */
    static long highestValue(int index) {
        if (index < 2 * SUB_COUNT) {
            return index;
        }
        int shift = index / SUB_COUNT - 1;
        long mantissa = SUB_COUNT + index % SUB_COUNT;
        return ((mantissa + 1) << shift) - 1;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + total + " p50=" + percentile(50) + " p99=" + percentile(99) + " max=" + max
                + " buckets=" + Arrays.stream(counts).filter(c -> c > 0).count() + "]";
    }
}
