package dev.rill.spi;

import java.io.PrintStream;
import java.util.List;

/**
 * A command a plugin adds to the server's command line: {@code java -jar rill-server.jar NAME
 * ARGS...}, e.g. the MJPEG plugin's {@code check} and {@code pack}. Found with
 * {@link java.util.ServiceLoader}; keyed by {@link #name()}.
 */
public interface CommandLineTool {

    /** The command's name, e.g. {@code "check"}. */
    String name();

    /** One line for {@code --help}: the arguments and what the command does. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 for success, 1 when the input is bad, 2 for a usage error
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
