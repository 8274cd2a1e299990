package dev.rill.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code java -jar rill-server.jar [--config FILE]}. */
public final class Main {

    static final String USAGE = """
            Usage: java -jar rill-server.jar [--config FILE]

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
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
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
            server.close();
            stopped.countDown();
        }, "rill-shutdown"));
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("rill: " + message);
        System.err.println("Try --help.");
        System.exit(2);
    }
}
