package dev.rill.client;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import javax.swing.SwingUtilities;

/**
 * The player's command line: {@code java -jar rill-player.jar [options] [target]}. With
 * {@code --headless} it plays, writes and exits with a status; otherwise it opens the window.
 * {@code --help} lists every option.
 */
public final class Main {

    /** Exit status for a command line that cannot be used. */
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the player; the exit status, or -1 when a window is open (the program ends when it closes).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("rill-player: " + e.getMessage());
            err.println("Try --help.");
            return USAGE;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        if (options.verbose()) {
            // Read by slf4j-simple when the first logger is made, which has not happened yet.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        if (options.headless()) {
            return new HeadlessRun(options).run();
        }
        if (GraphicsEnvironment.isHeadless()) {
            err.println("rill-player: no display to open a window on; use --headless (see --help)");
            return USAGE;
        }
        SwingUtilities.invokeLater(() -> new PlayerWindow(options, () -> System.exit(0)).show());
        return -1;
    }
}
