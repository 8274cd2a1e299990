package dev.rill.plugin.mjpeg;

import dev.rill.spi.CommandLineTool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of a command-line tool with its output captured. */
record ToolRun(int exit, String out, String err) {

    static ToolRun of(CommandLineTool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = tool.run(List.of(args), o, e);
            return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The standard output's lines. */
    List<String> lines() {
        return out.lines().toList();
    }

    /** The line starting with {@code label + ": "}; fails when there is none. */
    String line(String label) {
        return lines().stream().filter(l -> l.startsWith(label + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + out + err));
    }
}
