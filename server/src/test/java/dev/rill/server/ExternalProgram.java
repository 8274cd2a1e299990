package dev.rill.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real third-party program (ffmpeg, GStreamer) with a time limit. Where the program is
 * missing the test is skipped with the reason, unless {@code RILL_REQUIRE_INTEROP=true} (CI sets
 * it), which turns the skip into a failure.
 */
final class ExternalProgram {

    /** What a run printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private ExternalProgram() {
    }

    /** Skips (or, in CI, fails) the test when {@code program} is not on the PATH. */
    static void require(String program, String debianPackage) {
        requireThat(onPath(program), program, debianPackage);
    }

    /** Skips (or, in CI, fails) the test unless {@code installed}; {@code what} names what is missing. */
    static void requireThat(boolean installed, String what, String debianPackage) {
        if (installed) {
            return;
        }
        String why = what + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equalsIgnoreCase(System.getenv("RILL_REQUIRE_INTEROP"))) {
            fail(why + ", and RILL_REQUIRE_INTEROP=true makes that a failure");
        }
        Assumptions.abort(why + ": interop test skipped");
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command}, killing it after {@code seconds}; output is stdout and stderr together. */
    static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rill-interop", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", command) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
