package dev.rill.plugin.stats;

import dev.rill.spi.LiveStatus;
import dev.rill.spi.ReceptionReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one summary line at INFO every period, on a virtual thread, until {@link #close}: live
 * sessions, sessions opened, what all sessions sent, and the worst loss and jitter clients
 * reported.
 */
final class SummaryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryLog.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(2);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    SummaryLog(Duration every, Supplier<StatsSnapshot> snapshots) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("log period must be > 0: " + every);
        }
        this.thread = Thread.ofVirtual().name("rill-stats-log").start(() -> run(every, snapshots));
    }

    private void run(Duration every, Supplier<StatsSnapshot> snapshots) {
        try {
            while (!stop.await(every.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    LOG.info("{}", line(snapshots.get()));
                } catch (RuntimeException e) {
                    LOG.warn("stats: cannot summarise", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * E.g. {@code stats: 2 sessions (5 opened), sent 1234 packets, 1.5 MiB, 400 frames; worst loss 0.4%, jitter 2.1 ms;
     * 3 HTTP viewers; /relay retrying (4 reconnects)}: HTTP viewers when there are any, live sources only while
     * they connect or retry.
     */
    static String line(StatsSnapshot s) {
        StringBuilder line = new StringBuilder(128).append(String.format(Locale.ROOT,
                "stats: %d session%s (%d opened), sent %d packets, %s, %d frames", s.sessions().size(),
                s.sessions().size() == 1 ? "" : "s", s.sessionsOpenedTotal(), s.packetsSent(),
                bytes(s.bytesSent()), s.framesSent()));
        Optional<Double> worstLoss = reports(s).map(ReceptionReport::fractionLost).reduce(Math::max);
        Optional<Duration> worstJitter = reports(s).map(ReceptionReport::jitter).max(Duration::compareTo);
        if (worstLoss.isPresent() && worstJitter.isPresent()) {
            line.append(String.format(Locale.ROOT, "; worst loss %.1f%%, jitter %.1f ms", worstLoss.get() * 100,
                    worstJitter.get().toNanos() / 1e6));
        }
        int viewers = s.httpViewers().viewers().size();
        if (viewers > 0) {
            line.append("; ").append(viewers).append(viewers == 1 ? " HTTP viewer" : " HTTP viewers");
        }
        // A live source that is not getting its input is worth a line every time.
        for (MountRow row : s.mounts()) {
            row.mount().live().filter(l -> l.state() == LiveStatus.State.CONNECTING || l.state() == LiveStatus.State.RETRYING)
                    .ifPresent(l -> line.append("; ").append(row.mount().path()).append(' ').append(StatsJson.lower(l.state()))
                            .append(" (").append(l.reconnects()).append(" reconnects)"));
        }
        return line.toString();
    }

    private static Stream<ReceptionReport> reports(StatsSnapshot s) {
        return s.sessions().stream().flatMap(row -> row.reception().stream());
    }

    /** Bytes in B, KiB, MiB or GiB, one decimal. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        List<String> units = List.of("KiB", "MiB", "GiB", "TiB");
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.size() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units.get(unit));
    }

    /** True until the thread has ended. */
    boolean running() {
        return thread.isAlive();
    }

    /** Stops the thread; waits a bounded time for it. */
    @Override
    public void close() {
        stop.countDown();
        try {
            if (!thread.join(JOIN_WAIT)) {
                LOG.warn("stats: the summary thread did not stop within {}", JOIN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
