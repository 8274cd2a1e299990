package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DueQueueTest {

    private record Item(long due, int id) {
    }

    @Test
    void emptyQueueHasNothingAndIsDueNever() {
        DueQueue<Item> q = new DueQueue<>();
        assertTrue(q.isEmpty());
        assertNull(q.peek());
        assertNull(q.poll());
        assertEquals(Long.MAX_VALUE, q.peekDue());
    }

    @Test
    void givesItemsBackEarliestFirstWithTiesAndGrowth() {
        DueQueue<Item> q = new DueQueue<>();
        long[] dues = {50, 10, 30, 10, 40, 20, 30, -5};
        for (int i = 0; i < dues.length; i++) {
            q.add(new Item(dues[i], i), dues[i]);
        }
        List<Long> out = new ArrayList<>();
        while (!q.isEmpty()) {
            long d = q.peekDue();
            Item item = q.poll();
            assertEquals(d, item.due());
            out.add(item.due());
        }
        assertEquals(List.of(-5L, 10L, 10L, 20L, 30L, 30L, 40L, 50L), out);
    }

    @Test
    void agreesWithAPriorityQueueOverRandomAddsAndPolls() {
        Random random = new Random(2435);
        DueQueue<Item> q = new DueQueue<>();
        PriorityQueue<Item> reference = new PriorityQueue<>(Comparator.comparingLong(Item::due));
        for (int step = 0; step < 100_000; step++) {
            if (random.nextInt(3) > 0 || reference.isEmpty()) {
                Item item = new Item(random.nextLong(1_000), step);
                q.add(item, item.due());
                reference.add(item);
            } else {
                assertEquals(reference.poll().due(), q.poll().due());
            }
            assertEquals(reference.size(), q.size());
            assertEquals(reference.isEmpty() ? Long.MAX_VALUE : reference.peek().due(), q.peekDue());
        }
    }
}
