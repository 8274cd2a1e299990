package dev.rill.plugin.httpmjpeg;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real third-party program (ffmpeg) for a test. Where it is missing the test is skipped with
 * the reason, unless {@code RILL_REQUIRE_INTEROP=true} (CI sets it), which turns the skip into a
 * failure. (The server's tests have the same helper; a plugin's tests cannot reach it.)
 */
final class ExternalProgram {

    private ExternalProgram() {
    }

    /** Skips (or, in CI, fails) the test when {@code program} is not on the PATH. */
    static void require(String program, String debianPackage) {
        if (onPath(program)) {
            return;
        }
        String why = program + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equalsIgnoreCase(System.getenv("RILL_REQUIRE_INTEROP"))) {
            fail(why + ", and RILL_REQUIRE_INTEROP=true makes that a failure");
        }
        Assumptions.abort(why + ": interop test skipped");
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code command} in the background, its output to {@code log}; destroy it when done. */
    static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
