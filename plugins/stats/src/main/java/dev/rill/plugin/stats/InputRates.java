package dev.rill.plugin.stats;

import dev.rill.spi.LiveStatus;
import dev.rill.spi.MountInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bitrate in of each live mount, from its {@link LiveStatus#bytesIn()} counter as snapshots see
 * it: the bytes added since the previous sample over the time between them, a new sample taken when
 * the last is at least {@link #MIN_INTERVAL} old (a snapshot sooner reuses the last rate). So the
 * rate averages over the time between requests, one second at the least; the first request shows
 * none. A counter that went down (a source replaced) starts over. Holds one sample per configured
 * mount; thread-safe.
 */
final class InputRates {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private record Sample(Instant at, long bytes, OptionalDouble bitsPerSecond) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private Map<String, Sample> samples = new HashMap<>();   // guarded by lock

    /** The mounts with their rates at {@code now}; samples of mounts no longer reported are forgotten. */
    List<MountRow> rows(List<MountInfo> mounts, Instant now) {
        List<MountRow> rows = new ArrayList<>(mounts.size());
        lock.lock();
        try {
            Map<String, Sample> next = new HashMap<>();
            for (MountInfo m : mounts) {
                if (m.live().isEmpty()) {
                    rows.add(new MountRow(m, OptionalDouble.empty()));
                    continue;
                }
                Sample sample = sample(samples.get(m.path()), m.live().get().bytesIn(), now);
                next.put(m.path(), sample);
                rows.add(new MountRow(m, sample.bitsPerSecond()));
            }
            samples = next;
        } finally {
            lock.unlock();
        }
        return rows;
    }

    private static Sample sample(Sample last, long bytes, Instant now) {
        if (last == null || bytes < last.bytes() || now.isBefore(last.at())) {
            return new Sample(now, bytes, OptionalDouble.empty());
        }
        Duration elapsed = Duration.between(last.at(), now);
        if (elapsed.compareTo(MIN_INTERVAL) < 0) {
            return last;
        }
        return new Sample(now, bytes, OptionalDouble.of((bytes - last.bytes()) * 8.0 / (elapsed.toNanos() / 1e9)));
    }
}
