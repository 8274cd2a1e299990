package dev.rill.server;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per address in the current minute: after {@link #LIMIT} an address waits until its
 * minute is over (429 with {@code Retry-After}). At most {@link #MAX_ADDRESSES} addresses are
 * remembered; past that the oldest window is forgotten first.
 */
final class AuthFailures {

    static final int LIMIT = 10;
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_ADDRESSES = 4096;

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    private final Map<InetAddress, Window> windows = new LinkedHashMap<>();

    /** Seconds {@code address} must still wait; 0 when it may try. */
    synchronized long waitSeconds(InetAddress address, long now) {
        Window w = windows.get(address);
        if (w == null || now - w.start >= WINDOW_MILLIS) {
            return 0;
        }
        return w.failures >= LIMIT ? Math.max(1, (w.start + WINDOW_MILLIS - now + 999) / 1000) : 0;
    }

    /** Counts a failure. */
    synchronized void failed(InetAddress address, long now) {
        Window w = windows.get(address);
        if (w == null || now - w.start >= WINDOW_MILLIS) {
            windows.remove(address);
            if (windows.size() >= MAX_ADDRESSES) {
                forgetOld(now);
            }
            w = new Window(now);
            windows.put(address, w);
        }
        w.failures++;
    }

    private void forgetOld(long now) {
        // Insertion order is start order: expired windows are at the head.
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            Window w = it.next();
            if (now - w.start < WINDOW_MILLIS && windows.size() < MAX_ADDRESSES) {
                return;
            }
            it.remove();
        }
    }

    synchronized int size() {
        return windows.size();
    }
}
