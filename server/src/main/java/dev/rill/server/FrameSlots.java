package dev.rill.server;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Items by frame index, looked up without boxing the index. The senders look a stored frame up
 * for every frame of every session; keyed by {@code Long} that allocated past index 127, which
 * the JIT did not optimise away: about 1 MB/s at 1,000 sessions of a 400-frame clip (JFR), and
 * young collections that every session feels. Slots come in chunks of 1,024,
 * each made when first used, so a long file costs memory only where it is played; indexes at or
 * past the count given at construction are not held ({@link #get} answers null for them).
 * Thread-safe.
 */
final class FrameSlots<T> {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Chunks at most: a billion frames, 1.6 years at 20 fps. */
    private static final int MAX_CHUNKS = 1 << 20;

    private final long limit;
    private final AtomicReferenceArray<AtomicReferenceArray<T>> chunks;

    /** @param count indexes 0 to {@code count - 1} are held */
    FrameSlots(long count) {
        limit = Math.clamp(count, 0L, (long) MAX_CHUNKS << CHUNK_BITS);
        chunks = new AtomicReferenceArray<>((int) ((limit + CHUNK - 1) >>> CHUNK_BITS));
    }

    /** The item at {@code index}; null when none is, or the index is not held here. */
    T get(long index) {
        AtomicReferenceArray<T> chunk = held(index) ? chunks.get(chunkOf(index)) : null;
        return chunk == null ? null : chunk.get(slotOf(index));
    }

    /** Puts {@code item} at {@code index}, if the index is held here. */
    void set(long index, T item) {
        if (!held(index)) {
            return;
        }
        int c = chunkOf(index);
        AtomicReferenceArray<T> chunk = chunks.get(c);
        if (chunk == null) {
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(c);
        }
        chunk.set(slotOf(index), item);
    }

    /** Empties the slot at {@code index} if it still holds {@code item}. */
    void remove(long index, T item) {
        AtomicReferenceArray<T> chunk = held(index) ? chunks.get(chunkOf(index)) : null;
        if (chunk != null) {
            chunk.compareAndSet(slotOf(index), item, null);
        }
    }

    private boolean held(long index) {
        return index >= 0 && index < limit;
    }

    private static int chunkOf(long index) {
        return (int) (index >>> CHUNK_BITS);
    }

    private static int slotOf(long index) {
        return (int) (index & (CHUNK - 1));
    }

    /** Empties every slot (and lets the chunks go). */
    void clear() {
        for (int c = 0; c < chunks.length(); c++) {
            chunks.set(c, null);
        }
    }
}
