package dev.rill.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the interoperability tests need from the machine (Python with GStreamer's RTSP server,
 * Xvfb). Missing, a test is skipped with the reason; but when the environment variable
 * {@code RILL_REQUIRE_INTEROP} is {@code true} (as in CI, which installs them) it fails instead.
 */
final class Interop {

    static final String REQUIRE = "RILL_REQUIRE_INTEROP";

    private Interop() {
    }

    /** Skips the test, or fails it when the environment requires interop. */
    static <T> T missing(String what) {
        return skipOrFail(what + " (install: apt-get install xvfb python3-gi gir1.2-gst-rtsp-server-1.0"
                + " gstreamer1.0-plugins-base gstreamer1.0-plugins-good)");
    }

    /** Skips the test (or fails it, as {@link #missing} does) when {@code program} is not on the PATH. */
    static void requireOnPath(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return;
            }
        }
        skipOrFail(program + " is not installed (install: apt-get install " + debianPackage + ")");
    }

    private static <T> T skipOrFail(String reason) {
        if ("true".equals(System.getenv(REQUIRE))) {
            return Assertions.fail(reason + "; " + REQUIRE + "=true, so this is a failure");
        }
        Assumptions.abort(reason);
        return null; // not reached
    }

    /** The first Python that can import GstRtspServer: the system's, which has python3-gi, before one on the PATH. */
    static Optional<String> pythonWithGstRtspServer() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import gi; gi.require_version('GstRtspServer', '1.0');"
                        + " from gi.repository import GstRtspServer").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                if (p.exitValue() == 0) {
                    return Optional.of(python);
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Xvfb's path, when installed. */
    static Optional<String> xvfb() {
        for (String path : List.of("/usr/bin/Xvfb", "/usr/local/bin/Xvfb")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(path))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Ends a process started by a test: politely, then by force; bounded. */
    static void end(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
