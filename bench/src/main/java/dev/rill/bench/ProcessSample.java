package dev.rill.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A process's CPU ticks, resident memory and (optionally) per-thread CPU at one moment, from
 * {@code /proc}. Two samples give its {@link Report.Usage} over the time between them.
 *
 * @param pid     a process id, or {@code self}
 * @param nanos   {@code System.nanoTime()} when taken
 * @param cpu     utime + stime so far, empty when /proc could not be read
 * @param rssKb   VmRSS
 * @param threads per-thread CPU, empty unless asked for
 */
record ProcessSample(String pid, long nanos, Optional<ProcFiles.CpuTicks> cpu, OptionalLong rssKb,
                     List<ProcFiles.ThreadCpu> threads) {

    /** Threads listed in a report's usage. */
    static final int BUSIEST_THREADS = 8;

    static ProcessSample take(String pid, boolean withThreads) {
        long now = System.nanoTime();
        Optional<ProcFiles.CpuTicks> cpu = ProcFiles.cpu(pid);
        OptionalLong rss = ProcFiles.read(Path.of("/proc", pid, "status"))
                .map(s -> ProcFiles.parseStatusKb(s, "VmRSS")).orElse(OptionalLong.empty());
        return new ProcessSample(pid, now, cpu, rss, withThreads ? ProcFiles.threads(pid) : List.of());
    }

    /**
     * What the process used from {@code start} to this sample.
     *
     * @param packets        packets all sessions received in that time, for CPU per packet
     * @param frames         frames all sessions received in that time, for CPU per frame
     * @param sendCostMicros a bare send's CPU cost, to express CPU per packet as a multiple of it
     */
    Report.Usage since(ProcessSample start, long ticksPerSecond, long packets, long frames, OptionalLong rssBeforeKb,
                       OptionalDouble sendCostMicros, OptionalDouble heapPerSession) {
        double wall = (nanos - start.nanos) / 1e9;
        double cpuSeconds = cpu.isPresent() && start.cpu.isPresent()
                ? Report.cpuSeconds(cpu.get().minus(start.cpu.get()).total(), ticksPerSecond) : 0;
        OptionalDouble perPacket = cpu.isPresent() ? Report.microsPerPacket(cpuSeconds, packets) : OptionalDouble.empty();
        OptionalDouble perFrame = cpu.isPresent() ? Report.microsPerPacket(cpuSeconds, frames) : OptionalDouble.empty();
        OptionalDouble times = perPacket.isPresent() && sendCostMicros.isPresent() && sendCostMicros.getAsDouble() > 0
                ? OptionalDouble.of(perPacket.getAsDouble() / sendCostMicros.getAsDouble()) : OptionalDouble.empty();
        return new Report.Usage(cpuSeconds, Report.percentOfCore(cpuSeconds, wall), rssKb, rssBeforeKb, perPacket,
                perFrame, times, heapPerSession, busiestThreads(start, ticksPerSecond));
    }

    /** The threads that used the most CPU between the samples, "name (tid): seconds". */
    private List<String> busiestThreads(ProcessSample start, long ticksPerSecond) {
        Map<String, ProcFiles.CpuTicks> before = new HashMap<>();
        for (ProcFiles.ThreadCpu t : start.threads) {
            before.put(t.tid(), t.ticks());
        }
        record Used(String name, long ticks) {
        }
        List<Used> used = new ArrayList<>();
        for (ProcFiles.ThreadCpu t : threads) {
            ProcFiles.CpuTicks earlier = before.getOrDefault(t.tid(), new ProcFiles.CpuTicks(0, 0));
            long ticks = t.ticks().minus(earlier).total();
            if (ticks > 0) {
                used.add(new Used(t.name() + " (" + t.tid() + ")", ticks));
            }
        }
        used.sort(Comparator.comparingLong(Used::ticks).reversed());
        return used.stream().limit(BUSIEST_THREADS)
                .map(u -> String.format(Locale.ROOT, "%s: %.2f s", u.name(), Report.cpuSeconds(u.ticks(), ticksPerSecond)))
                .toList();
    }
}
