package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Items by frame index: across chunks, outside the range held, removed only while still there. */
class FrameSlotsTest {

    @Test
    void holdsItemsAcrossChunks() {
        FrameSlots<String> slots = new FrameSlots<>(5000);
        for (long i : new long[] {0, 1, 1023, 1024, 4095, 4999}) {
            assertNull(slots.get(i));
            slots.set(i, "frame " + i);
        }
        for (long i : new long[] {0, 1, 1023, 1024, 4095, 4999}) {
            assertEquals("frame " + i, slots.get(i));
        }
        assertNull(slots.get(2), "a slot never set, in a chunk that exists");
        assertNull(slots.get(2048), "a slot in a chunk never made");
    }

    @Test
    void indexesOutsideTheCountAreNotHeld() {
        FrameSlots<String> slots = new FrameSlots<>(10);
        slots.set(10, "past the end");
        slots.set(-1, "before the start");
        assertNull(slots.get(10));
        assertNull(slots.get(-1));
        assertNull(slots.get(Long.MAX_VALUE));
        FrameSlots<String> none = new FrameSlots<>(0);
        none.set(0, "nothing is held");
        assertNull(none.get(0));
    }

    @Test
    void aSlotIsEmptiedOnlyWhileItStillHoldsTheItemLetGo() {
        FrameSlots<String> slots = new FrameSlots<>(100);
        String first = new String("first");
        String second = new String("second");
        slots.set(7, first);
        slots.set(7, second);   // asked for again after the first was let go
        slots.remove(7, first);
        assertSame(second, slots.get(7), "letting go of the old item leaves the new one");
        slots.remove(7, second);
        assertNull(slots.get(7));
    }

    @Test
    void clearEmptiesEverySlot() {
        FrameSlots<String> slots = new FrameSlots<>(3000);
        slots.set(5, "a");
        slots.set(2500, "b");
        slots.clear();
        assertNull(slots.get(5));
        assertNull(slots.get(2500));
        slots.set(5, "again");
        assertEquals("again", slots.get(5));
    }

    @Test
    void aCountBeyondAnyFileIsCappedNotRefused() {
        FrameSlots<String> slots = new FrameSlots<>(Long.MAX_VALUE);
        slots.set(123_456_789L, "far");
        assertEquals("far", slots.get(123_456_789L));
        assertNull(slots.get(Long.MAX_VALUE - 1), "past the cap: not held, asked of the map instead");
    }
}
