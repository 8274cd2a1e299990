package dev.rill.bench;

import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The soak test (see {@link SoakOptions#USAGE}): {@code --viewers} slots, each living one viewer
 * after another ({@link SoakViewer}: a random kind, a random lifetime, TEARDOWN or vanish), a
 * publisher slot that publishes to the live mount for a while, leaves (TEARDOWN or vanish) and
 * comes back, and a hijacker that now and then tries to publish on the same path. The server's
 * heap after a full GC, open files, threads and RSS are sampled every minute; at the end, after
 * every viewer has left, once more. What must hold: those stay flat.
 */
public final class Soak {

    private static final long MEAN_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final long MIN_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long MAX_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(300);
    private static final long LIVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The ramp: slots start spread over this many seconds, not all at once. */
    private static final int RAMP_SECONDS = 30;

    private final SoakOptions options;
    private final SoakCounters counters = new SoakCounters();
    private final List<SoakSample> samples = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;

    private Soak(SoakOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new Soak(options).run();
    }

    private void run() throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        Path csv = options.out().resolve("samples.csv");
        Files.writeString(csv, SoakSample.CSV_HEADER + "\n");
        List<Thread> actors = new ArrayList<>();
        for (int i = 0; i < options.viewers(); i++) {
            long seed = i * 7919L + 1;
            long delay = TimeUnit.SECONDS.toMillis(RAMP_SECONDS) * i / options.viewers();
            actors.add(Thread.ofVirtual().name("soak-viewer-" + i).start(() -> viewerSlot(seed, delay)));
        }
        actors.add(Thread.ofVirtual().name("soak-publisher").start(this::publisherSlot));
        actors.add(Thread.ofVirtual().name("soak-hijacker").start(this::hijacker));

        long end = startNanos + (long) (options.minutes() * 60e9);
        long period = TimeUnit.SECONDS.toNanos(options.sampleSeconds());
        sample(csv);
        for (long next = startNanos + period; next <= end; next += period) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            sample(csv);
        }
        running = false;
        for (Thread t : actors) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(20)); // the server notices vanished viewers and lets go
        sample(csv);
        String summary = summary();
        Files.writeString(options.out().resolve("summary.txt"), summary);
        SoakPlot.write(samples, String.format(Locale.ROOT, "Rill soak: %d viewers joining and leaving, %.1f minutes",
                options.viewers(), options.minutes()), options.out().resolve("soak.png"));
        System.out.print(summary);
        System.out.println("plot: " + options.out().resolve("soak.png").toAbsolutePath());
    }

    private void viewerSlot(long seed, long delayMillis) {
        Random random = new Random(seed);
        SoakViewer viewer = new SoakViewer(options, counters, random, () -> running);
        try {
            Thread.sleep(delayMillis);
            while (running) {
                SoakViewer.Kind kind = SoakViewer.Kind.pick(random);
                viewer.live(kind, lifetime(random));
                Thread.sleep(200 + random.nextInt(2000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exponentially distributed around the mean, within [3 s, 300 s]. */
    private static long lifetime(Random random) {
        long l = (long) (-Math.log(1 - random.nextDouble()) * MEAN_LIFETIME_NANOS);
        return Math.clamp(l, MIN_LIFETIME_NANOS, MAX_LIFETIME_NANOS);
    }

    /** Publishes 20 s to 3 min (TCP or UDP), then leaves with TEARDOWN or vanishes; 2 to 20 s later again. */
    private void publisherSlot() {
        Random random = new Random(42);
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(320, 240), 20, 0.7f);
        RtspUrl url = RtspUrl.parse(options.rtspBase() + options.live());
        try {
            while (running) {
                Publisher p;
                try {
                    p = Publisher.start(url, cycle, 20, LIVE_TIMEOUT_NANOS, random.nextBoolean());
                } catch (IOException | Handshake.Refused | RuntimeException e) {
                    counters.failed("PUBLISHER", e.getMessage());
                    Thread.sleep(5000);
                    continue;
                }
                counters.publishersStarted.increment();
                counters.publishersNow.incrementAndGet();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20 + random.nextInt(160));
                while (running && System.nanoTime() < until && p.error().isEmpty()) {
                    Thread.sleep(500);
                }
                p.error().ifPresent(e -> counters.failed("PUBLISHER", e));
                if (random.nextInt(4) == 0) {
                    p.vanish();
                    counters.publishersVanished.increment();
                } else {
                    p.stop();
                }
                counters.publishersNow.decrementAndGet();
                Thread.sleep(2000 + random.nextInt(18_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every 20 to 60 s, tries to publish on the live path; while another publishes, that must be refused. */
    private void hijacker() {
        Random random = new Random(7);
        PublishedCycle cycle = PublishedCycle.make(new VideoSize(160, 120), 2, 0.5f);
        RtspUrl url = RtspUrl.parse(options.rtspBase() + options.live());
        try {
            while (running) {
                Thread.sleep(20_000 + random.nextInt(40_000));
                if (!running) {
                    return;
                }
                boolean someonePublishes = counters.publishersNow.get() > 0;
                try (Publisher p = Publisher.start(url, cycle, 5, LIVE_TIMEOUT_NANOS, false)) {
                    if (someonePublishes) {
                        counters.failed("HIJACKER", "admitted while another publisher was publishing");
                    } else {
                        counters.hijacksAdmitted.increment(); // nobody was publishing: it is simply the publisher
                    }
                    Thread.sleep(3000);
                } catch (Handshake.Refused e) {
                    counters.hijacksRefused.increment();
                } catch (IOException | RuntimeException e) {
                    counters.failed("HIJACKER", e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample(Path csv) throws IOException {
        String pid = options.validPid().orElse("0");
        long heap = HeapGauge.usedAfterGc(pid).orElse(-1);
        long files;
        try (var fds = Files.list(Path.of("/proc", pid, "fd"))) {
            files = fds.count();
        } catch (IOException e) {
            files = -1;
        }
        String status = ProcFiles.read(Path.of("/proc", pid, "status")).orElse("");
        SoakSample s = new SoakSample((System.nanoTime() - startNanos) / 60e9, heap, files,
                ProcFiles.parseStatusKb(status, "Threads").orElse(-1), ProcFiles.parseStatusKb(status, "VmRSS").orElse(-1),
                counters.viewersNow.get(), counters.publishersNow.get(), counters.viewersPlayed.sum(),
                counters.failures());
        samples.add(s);
        Files.writeString(csv, s.csv() + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "%6.1f min  heap %7.1f MiB  files %5d  threads %4d  rss %7.1f MiB  viewers %4d"
                        + "  publishers %d  played %d  failures %d%n", s.minute(), s.heapKib() / 1024.0, s.openFiles(),
                s.threads(), s.rssKib() / 1024.0, s.viewers(), s.publishers(), s.played(), s.failures());
    }

    private String summary() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf(Locale.ROOT, "Soak of %s: %d viewers at once for %.1f minutes, sampled every %d s%n",
                options.rtspBase(), options.viewers(), options.minutes(), options.sampleSeconds());
        out.printf(Locale.ROOT, "viewers: %d started, %d played, %d left with TEARDOWN, %d vanished, %d paused and resumed%n",
                counters.viewersStarted.sum(), counters.viewersPlayed.sum(), counters.teardowns.sum(),
                counters.vanished.sum(), counters.pauses.sum());
        out.printf(Locale.ROOT, "media: %d UDP/TCP packets counted, %.1f GB received%n", counters.packets.sum(),
                counters.bytes.sum() / 1e9);
        out.printf(Locale.ROOT, "publishers: %d sessions (%d vanished); hijack attempts refused %d, admitted while nobody"
                + " published %d%n", counters.publishersStarted.sum(), counters.publishersVanished.sum(),
                counters.hijacksRefused.sum(), counters.hijacksAdmitted.sum());
        out.println("failures by kind:");
        counters.failuresByKind().forEach((k, v) -> out.printf(Locale.ROOT, "  %8d  %s%n", v, k));
        // Flatness is judged after the warm-up (JIT, pools, the first recording segments).
        double warmup = Math.min(10, options.minutes() / 5);
        List<SoakSample> steady = samples.subList(0, samples.size() - 1).stream()
                .filter(s -> s.minute() >= warmup).toList();
        SoakSample after = samples.getLast();
        out.printf(Locale.ROOT, "%nfrom minute %.0f on (%d samples)   first      last       min        max"
                + "        slope per hour   after all left%n", warmup, steady.size());
        row(out, "heap after GC, MiB", steady, s -> s.heapKib(), 1024.0, after);
        row(out, "RSS, MiB", steady, s -> s.rssKib(), 1024.0, after);
        row(out, "open files", steady, s -> s.openFiles(), 1, after);
        row(out, "threads", steady, s -> s.threads(), 1, after);
        out.flush();
        return text.toString();
    }

    private static void row(PrintWriter out, String label, List<SoakSample> steady, ToLongFunction<SoakSample> f,
                            double scale, SoakSample after) {
        List<SoakSample> valid = steady.stream().filter(s -> f.applyAsLong(s) >= 0).toList();
        if (valid.isEmpty()) {
            out.printf(Locale.ROOT, "%-30s n/a%n", label);
            return;
        }
        List<Double> minutes = valid.stream().map(SoakSample::minute).toList();
        List<Double> values = valid.stream().map(s -> f.applyAsLong(s) / scale).toList();
        out.printf(Locale.ROOT, "%-30s %-10.1f %-10.1f %-10.1f %-10.1f %-16.2f %.1f%n", label, values.getFirst(),
                values.getLast(), values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                SoakSample.slopePerHour(minutes, values), f.applyAsLong(after) / scale);
    }
}
