package dev.rill.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap a Java process uses after a full collection, read with the JDK's own tools: {@code jcmd
 * PID GC.run} (a System.gc(), so only live objects remain) and then {@code jstat -gc PID}, whose
 * used columns (survivors, eden, old) add up to the heap in use. The tools come from the JDK this
 * generator runs on; the process must belong to the same user.
 */
final class HeapGauge {

    private static final Logger LOG = LoggerFactory.getLogger(HeapGauge.class);
    /** The used-space columns of {@code jstat -gc}, in KiB: survivor 0 and 1, eden, old. */
    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private HeapGauge() {
    }

    /** Heap in use after a full GC, KiB; empty when the tools fail (the reason goes to stderr). */
    static OptionalLong usedAfterGc(String pid) {
        try {
            run(tool("jcmd"), pid, "GC.run");
            return parseJstatUsedKb(run(tool("jstat"), "-gc", pid));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot measure the heap of {}: {}", pid, e.getMessage());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Sums the used columns of {@code jstat -gc} output (a header line and a value line). */
    static OptionalLong parseJstatUsedKb(String output) {
        String[] lines = output.trim().split("\n");
        if (lines.length < 2) {
            return OptionalLong.empty();
        }
        String[] names = lines[lines.length - 2].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double used = 0;
        int found = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (USED_COLUMNS.contains(names[i])) {
                if (values[i].equals("-")) {
                    continue; // a space this collector does not have
                }
                try {
                    used += Double.parseDouble(values[i]);
                    found++;
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return found == 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(used));
    }

    private static String tool(String name) {
        Path path = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(path) ? path.toString() : name;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }
}
