package dev.rill.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the publisher last sent each picture of its cycle, keyed by the picture's
 * {@link ScanHash}: the publisher writes a time just before the picture's first packet goes out,
 * viewer receivers look it up when they have hashed a whole frame. The cycle's hashes are fixed
 * when it is built, so the table has one slot per picture and never grows (the "ring" of send
 * times is the cycle itself). A picture comes round again only after the whole cycle (10 s for
 * 250 frames at 25 fps), so a frame that arrives after its picture was sent again is seen as
 * stale rather than matched to the wrong send. Thread-safe.
 */
final class SendTimes {

    private final long[] keys;
    private final int[] slots;
    private final int mask;
    private final AtomicLongArray sent;

    /**
     * @param hashes the scan hash of each picture of the cycle, all different
     * @throws IllegalArgumentException when two pictures hash alike (they would be confused)
     */
    SendTimes(long[] hashes) {
        int capacity = Integer.highestOneBit(Math.max(4, hashes.length * 4 - 1)) << 1;
        keys = new long[capacity];
        slots = new int[capacity];
        java.util.Arrays.fill(slots, -1);
        mask = capacity - 1;
        for (int i = 0; i < hashes.length; i++) {
            int at = find(hashes[i]);
            if (slots[at] >= 0) {
                throw new IllegalArgumentException("pictures " + slots[at] + " and " + i + " of the cycle have the same"
                        + " scan hash; make them differ");
            }
            keys[at] = hashes[i];
            slots[at] = i;
        }
        sent = new AtomicLongArray(hashes.length);
    }

    private int find(long hash) {
        int at = (int) (hash ^ (hash >>> 32)) & mask;
        while (slots[at] >= 0 && keys[at] != hash) {
            at = (at + 1) & mask;
        }
        return at;
    }

    /** Pictures in the cycle. */
    int size() {
        return sent.length();
    }

    /** Picture {@code index} of the cycle goes out now ({@code System.nanoTime()}). */
    void sent(int index, long nanos) {
        sent.set(index, nanos);
    }

    /**
     * When the picture with scan hash {@code hash} was last sent; 0 when no picture has that
     * hash or it was never sent.
     */
    long sentAt(long hash) {
        int slot = slots[find(hash)];
        return slot < 0 ? 0 : sent.get(slot);
    }
}
