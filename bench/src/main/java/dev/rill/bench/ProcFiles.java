package dev.rill.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Parsers of the Linux {@code /proc} files the load generator reads (proc(5)), each on the
 * file's text so that tests can feed samples, plus small readers. Everything is best effort:
 * a file that is missing or reads oddly gives an empty value, and the report says "n/a".
 */
final class ProcFiles {

    /** Clock ticks per second when {@code getconf CLK_TCK} cannot be asked; Linux uses 100. */
    static final long DEFAULT_CLOCK_TICKS = 100;

    private ProcFiles() {
    }

    /** CPU time of a process or thread in clock ticks: utime and stime of {@code /proc/PID/stat}. */
    record CpuTicks(long user, long system) {
        long total() {
            return user + system;
        }

        CpuTicks minus(CpuTicks earlier) {
            return new CpuTicks(user - earlier.user, system - earlier.system);
        }
    }

    /**
     * The whole machine's CPU time in clock ticks, summed over its cores (the {@code cpu} line of
     * {@code /proc/stat}): busy is user, nice, system, irq and softirq (not idle, iowait or
     * steal); {@code interrupts} is irq and softirq, time that no process is charged with.
     */
    record MachineTicks(long busy, long interrupts) {
        MachineTicks minus(MachineTicks earlier) {
            return new MachineTicks(busy - earlier.busy, interrupts - earlier.interrupts);
        }
    }

    /** The {@code Udp:} counters of {@code /proc/net/snmp} the report uses. */
    record UdpCounters(long inDatagrams, long inErrors, long receiveBufferErrors) {
        UdpCounters minus(UdpCounters earlier) {
            return new UdpCounters(inDatagrams - earlier.inDatagrams, inErrors - earlier.inErrors,
                    receiveBufferErrors - earlier.receiveBufferErrors);
        }
    }

    /**
     * utime and stime (fields 14 and 15) of a {@code stat} line. The command name (field 2) is
     * in parentheses and may itself hold spaces and parentheses, so fields are counted from
     * the last ')'.
     */
    static CpuTicks parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc stat line: " + abbreviate(stat));
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        if (f.length < 13) {
            throw new IllegalArgumentException("stat line has too few fields: " + abbreviate(stat));
        }
        return new CpuTicks(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** The machine's ticks from the text of {@code /proc/stat}. */
    static MachineTicks parseMachine(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 8 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + abbreviate(first));
        }
        long irq = Long.parseLong(f[6]) + Long.parseLong(f[7]);
        return new MachineTicks(Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + irq, irq);
    }

    /** The command name of a {@code stat} line (field 2, without its parentheses). */
    static String parseStatName(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open >= 0 && close > open ? stat.substring(open + 1, close) : "?";
    }

    /** A {@code kB} field of {@code /proc/PID/status}, e.g. {@code VmRSS} or {@code VmHWM}, in KiB. */
    static OptionalLong parseStatusKb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The {@code Udp:} header and value lines of {@code /proc/net/snmp}. */
    static UdpCounters parseSnmpUdp(String snmp) {
        String[] names = null;
        for (String line : snmp.split("\n")) {
            if (!line.startsWith("Udp:")) {
                continue;
            }
            String[] words = line.substring(4).trim().split("\\s+");
            if (names == null) {
                names = words;
                continue;
            }
            long in = 0;
            long errors = 0;
            long buffer = 0;
            for (int i = 0; i < names.length && i < words.length; i++) {
                long value = Long.parseLong(words[i]);
                switch (names[i]) {
                    case "InDatagrams" -> in = value;
                    case "InErrors" -> errors = value;
                    case "RcvbufErrors" -> buffer = value;
                    default -> { }
                }
            }
            return new UdpCounters(in, errors, buffer);
        }
        throw new IllegalArgumentException("no Udp: lines in /proc/net/snmp");
    }

    /**
     * The sum of the {@code drops} column of {@code /proc/net/udp} over the sockets bound to one
     * of {@code localPorts}: datagrams the kernel dropped for those sockets (full receive buffer),
     * since they were opened.
     */
    static long parseUdpDrops(String netUdp, Set<Integer> localPorts) {
        long drops = 0;
        String[] lines = netUdp.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            if (f.length < 13) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            int port = Integer.parseInt(f[1].substring(colon + 1), 16);
            if (localPorts.contains(port)) {
                drops += Long.parseLong(f[12]);
            }
        }
        return drops;
    }

    /** The soft limit of "Max open files" in {@code /proc/PID/limits}; empty for "unlimited". */
    static OptionalLong parseMaxOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[0].equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[0]));
            }
        }
        return OptionalLong.empty();
    }

    // ---- readers ----

    /** The text of a /proc file, or empty when it cannot be read (no such process, not Linux). */
    static Optional<String> read(Path file) {
        // Not Files.readString: it trusts the size a /proc/sys file reports and returns one byte.
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<MachineTicks> machine() {
        try {
            return read(Path.of("/proc/stat")).map(ProcFiles::parseMachine);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<CpuTicks> cpu(String pid) {
        return read(Path.of("/proc", pid, "stat")).map(ProcFiles::parseStat);
    }

    /** Every thread of a process: its name and CPU ticks, from {@code /proc/PID/task/TID/stat}. */
    static List<ThreadCpu> threads(String pid) {
        List<ThreadCpu> threads = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                read(task.resolve("stat")).ifPresent(stat -> threads.add(new ThreadCpu(task.getFileName().toString(),
                        parseStatName(stat), parseStat(stat))));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return threads;
    }

    /** One thread's CPU ticks so far. */
    record ThreadCpu(String tid, String name, CpuTicks ticks) {
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}), 100 when it cannot be asked. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                return DEFAULT_CLOCK_TICKS;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : DEFAULT_CLOCK_TICKS;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_CLOCK_TICKS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_CLOCK_TICKS;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.isEmpty() ? "(empty)" : one.length() > 80 ? one.substring(0, 80) + "..." : one;
    }
}
