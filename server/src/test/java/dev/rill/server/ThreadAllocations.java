package dev.rill.server;

import java.lang.management.ManagementFactory;

/** Bytes of heap the current thread allocates while it runs some code, for tests of hot paths. */
final class ThreadAllocations {

    private ThreadAllocations() {
    }

    /** Runs {@code work} on this thread; returns the bytes it allocated meanwhile. */
    static long of(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.getCurrentThreadAllocatedBytes();   // the first call may allocate for itself
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
