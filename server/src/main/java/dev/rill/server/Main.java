package dev.rill.server;

import dev.rill.spi.CommandLineTool;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code java -jar rill-server.jar [--config FILE]}. */
public final class Main {

    static final String USAGE = """
            Usage: %1$s [--config FILE]
                   %1$s COMMAND ARGS...

            Serves RTSP (RFC 2326) with RTP (RFC 3550) video to real players (ffplay, ffmpeg,
            GStreamer) and to the course's own clients.

            With no options it runs the embedded default (config/server.json in the source tree):
            RTSP on port 8554 of every interface, every .Mjpeg file in ./media served under its
            file name (rtsp://localhost:8554/<file>), and the sample clip at
            rtsp://localhost:8554/sample.Mjpeg.

            Options:
              --config FILE   run with this JSON config file instead (see the README for every key);
                              relative paths in it resolve against the file's directory
              --help, -h      print this help and exit

            On SIGTERM (or Ctrl-C) the server sends RTCP BYE to every session and exits; with
            "drainSeconds": N in the config it first stops taking new sessions (GET /health
            answers 503) and lets sessions playing go on for up to N seconds.

            Commands:
            """;

    private Main() {
    }

    /** The help, naming the command as it was run: {@code rill} when installed, else the jar. */
    static String usage() {
        boolean installed = System.getProperty("jpackage.app-path") != null;
        return USAGE.replace("%1$s", installed ? "rill" : "java -jar rill-server.jar");
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(runTool(args));
        }
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(usage());
                    tools().forEach(t -> System.out.println("  " + t.usage()));
                    return;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail("--config needs a file name");
                    }
                    config = Path.of(args[++i]);
                    if (!Files.isRegularFile(config)) {
                        fail("config file not found: " + config);
                    }
                }
                default -> fail("unknown argument: " + args[i]);
            }
        }
        RtspServer server;
        try {
            server = RtspServer.start(config);
        } catch (IllegalArgumentException e) {
            fail("configuration error: " + e.getMessage());
            return;
        } catch (IOException e) {
            fail(e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "rill-shutdown"));
        stopped.await();
    }

    /** The command-line tools the plugins on the class path contribute, by name. */
    private static List<CommandLineTool> tools() {
        return ServiceLoader.load(CommandLineTool.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(CommandLineTool::name)).toList();
    }

    private static int runTool(String[] args) {
        for (CommandLineTool tool : tools()) {
            if (tool.name().equals(args[0])) {
                return tool.run(List.of(args).subList(1, args.length), System.out, System.err);
            }
        }
        System.err.println("rill: unknown command: " + args[0] + " (commands: "
                + tools().stream().map(CommandLineTool::name).toList() + ")");
        System.err.println("Try --help.");
        return 2;
    }

    private static void fail(String message) {
        System.err.println("rill: " + message);
        System.err.println("Try --help.");
        System.exit(2);
    }
}
