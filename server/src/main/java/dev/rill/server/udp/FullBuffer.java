package dev.rill.server.udp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a socket does when its send buffer is full (the interface cannot keep up): a packet may
 * wait for room at most {@link #WAIT_NANOS}, spent in short sleeps, then it is dropped and
 * counted. On loopback and on a link that keeps up this never runs. One per socket, used by its
 * sender thread only.
 */
final class FullBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(FullBuffer.class);
    /** How long a packet may wait for room in a full socket send buffer before it is dropped. */
    static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** When the packet waiting now is given up; 0 when none waits. */
    private long deadline;
    private long dropped;

    /**
     * A send found the buffer full: sleeps a little and returns true (try again), or, once the
     * packet has waited {@link #WAIT_NANOS}, returns false: drop it ({@code packets} counted).
     */
    boolean waitForRoom(int packets) {
        long now = System.nanoTime();
        if (deadline == 0) {
            deadline = now + WAIT_NANOS;
        }
        if (now < deadline) {
            LockSupport.parkNanos(SLEEP_NANOS);
            return true;
        }
        deadline = 0;
        if (dropped % 1000 == 0) {
            LOG.warn("RTP socket buffer full for {} ms: {} packets dropped so far (the network cannot keep up)",
                    TimeUnit.NANOSECONDS.toMillis(WAIT_NANOS), dropped + packets);
        }
        dropped += packets;
        return false;
    }

    /** A send went through: the next full buffer starts a new wait. */
    void sent() {
        deadline = 0;
    }

    /** Packets dropped so far. */
    long dropped() {
        return dropped;
    }
}
