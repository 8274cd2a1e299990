package dev.rill.server;

import dev.rill.spi.PayloadFragment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame made ready to send by the prefetch stage: read, normalised and cut into payloads once,
 * shared by every session of its feed. Per packet a session adds only its 12-byte RTP header.
 *
 * @param index     the frame's index in its source
 * @param timeNanos its presentation time on the source's media clock
 * @param fragments the RTP payloads in sending order; empty when the frame cannot be carried
 *                  (the payloader logged why) and is skipped
 * @param bytes     payload bytes in all, for the feed's memory account
 */
record PreparedFrame(long index, long timeNanos, List<PayloadFragment> fragments, long bytes) {

    /**
     * The frame with its payloads copied off-heap, into one direct buffer: the native send path
     * hands them to the kernel in place, every session the same memory (freed with the frame).
     */
    static PreparedFrame of(long index, long timeNanos, List<PayloadFragment> fragments) {
        long bytes = 0;
        for (PayloadFragment f : fragments) {
            bytes += f.size();
        }
        if (fragments.isEmpty() || bytes > Integer.MAX_VALUE) {
            return new PreparedFrame(index, timeNanos, List.copyOf(fragments), bytes);
        }
        ByteBuffer all = ByteBuffer.allocateDirect((int) bytes);
        List<PayloadFragment> offHeap = new ArrayList<>(fragments.size());
        for (PayloadFragment f : fragments) {
            int at = all.position();
            all.put(f.payload().duplicate().position(0));
            offHeap.add(new PayloadFragment(all.slice(at, f.size()).asReadOnlyBuffer(), f.marker()));
        }
        return new PreparedFrame(index, timeNanos, List.copyOf(offHeap), bytes);
    }
}
