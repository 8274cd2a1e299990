package dev.rill.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's actors did, counted from many threads. */
final class SoakCounters {

    final AtomicInteger viewersNow = new AtomicInteger();
    final AtomicInteger publishersNow = new AtomicInteger();
    final LongAdder viewersStarted = new LongAdder();
    final LongAdder viewersPlayed = new LongAdder();
    final LongAdder teardowns = new LongAdder();
    final LongAdder vanished = new LongAdder();
    final LongAdder pauses = new LongAdder();
    final LongAdder packets = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder publishersStarted = new LongAdder();
    final LongAdder publishersVanished = new LongAdder();
    final LongAdder hijacksRefused = new LongAdder();
    final LongAdder hijacksAdmitted = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /** Counts a failure by its kind (the first words of the reason, so that the map stays small). */
    void failed(String what, String reason) {
        String key = what + ": " + shorten(reason);
        if (failures.size() < 64 || failures.containsKey(key)) {
            failures.computeIfAbsent(key, k -> new LongAdder()).increment();
        } else {
            failures.computeIfAbsent(what + ": (other)", k -> new LongAdder()).increment();
        }
    }

    long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> failuresByKind() {
        Map<String, Long> sorted = new TreeMap<>();
        failures.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    private static String shorten(String reason) {
        // Session ids and numbers vary: without them, one kind of failure is one key.
        String r = reason == null ? "?" : reason.replaceAll("\\b[0-9A-Fa-f]{8,}\\b", "ID").replaceAll("[0-9]+", "N");
        return r.length() > 60 ? r.substring(0, 60) : r;
    }
}
