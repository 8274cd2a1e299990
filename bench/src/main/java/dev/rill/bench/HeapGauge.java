package dev.rill.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap a Java process holds live, read with the JDK's own tool: {@code jcmd PID
 * GC.class_histogram} runs a full collection and counts only what survives it, so its total is
 * the live heap, free of the garbage a busy server allocates in the second a separate
 * {@code jstat} takes to start (which an earlier "GC.run, then jstat" gauge counted). The tool
 * comes from the JDK this generator runs on; the process must belong to the same user.
 */
final class HeapGauge {

    private static final Logger LOG = LoggerFactory.getLogger(HeapGauge.class);
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private HeapGauge() {
    }

    /** Live heap after a full GC, KiB; empty when the tool fails (the reason is logged). */
    static OptionalLong usedAfterGc(String pid) {
        try {
            return parseHistogramTotalKb(run(tool("jcmd"), pid, "GC.class_histogram"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot measure the heap of {}: {}", pid, e.getMessage());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** The bytes of the histogram's last line, {@code Total <instances> <bytes>}, in KiB. */
    static OptionalLong parseHistogramTotalKb(String histogram) {
        String[] lines = histogram.strip().split("\n");
        String[] last = lines[lines.length - 1].strip().split("\\s+");
        if (last.length != 3 || !last[0].equals("Total")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(last[2]) / 1024);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String tool(String name) {
        Path path = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(path) ? path.toString() : name;
    }

    /**
     * Runs a tool, its output going to a file: read through a pipe only after it exits, a
     * histogram larger than the pipe would block jcmd, which then stops reading the target's
     * attach socket, and the target JVM, writing the histogram at a safepoint, freezes with it.
     */
    private static String run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("rill-heap-gauge", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
