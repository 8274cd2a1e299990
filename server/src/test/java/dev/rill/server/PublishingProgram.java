package dev.rill.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real publisher (ffmpeg or GStreamer's rtspclientsink) sending a 640x480, 25 fps MJPEG test
 * picture to a {@code publish} mount, running in the background while a test watches. It ends by
 * itself after its bounded run, or by {@link #kill()} (the connection just closes); {@link #close()}
 * makes sure it is gone.
 */
final class PublishingProgram implements AutoCloseable {

    /** The picture every publisher sends: what the viewers must see. */
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int FPS = 25;

    /** Which program publishes, and over which transport. */
    enum Kind {
        FFMPEG_TCP("ffmpeg", "tcp"), FFMPEG_UDP("ffmpeg", "udp"), GSTREAMER_TCP("gst-launch-1.0", "tcp"),
        GSTREAMER_UDP("gst-launch-1.0", "udp");

        final String program;
        final String transport;

        Kind(String program, String transport) {
            this.program = program;
            this.transport = transport;
        }

        /** Skips (or in CI fails) the test when the program, or GStreamer's RTSP plugin, is missing. */
        void require() throws IOException, InterruptedException {
            if (program.equals("ffmpeg")) {
                ExternalProgram.require("ffmpeg", "ffmpeg");
                return;
            }
            ExternalProgram.require("gst-launch-1.0", "gstreamer1.0-tools");
            ExternalProgram.require("gst-inspect-1.0", "gstreamer1.0-tools");
            ExternalProgram.requireThat(ExternalProgram.run(List.of("gst-inspect-1.0", "rtspclientsink"), 30).exitCode() == 0,
                    "GStreamer's rtspclientsink", "gstreamer1.0-rtsp");
        }

        /**
         * The command that publishes to {@code url} for {@code seconds}, then ends as a publisher
         * ends: ffmpeg with TEARDOWN, rtspclientsink (after EOS) with PAUSE and TEARDOWN.
         */
        List<String> command(String url, int seconds) {
            if (program.equals("ffmpeg")) {
                // The command of the issue: -huffman default, since ffmpeg's RTP muxer sends
                // nothing for optimised Huffman tables.
                return List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                        "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS, "-t", Integer.toString(seconds),
                        "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default",
                        "-f", "rtsp", "-rtsp_transport", transport, url);
            }
            // format=I420: videotestsrc would pick 4:4:4, which rtpjpegpay cannot send.
            return List.of("gst-launch-1.0", "-e", "videotestsrc", "is-live=true", "num-buffers=" + seconds * FPS, "!",
                    "video/x-raw,format=I420,width=" + WIDTH + ",height=" + HEIGHT + ",framerate=" + FPS + "/1", "!",
                    "jpegenc", "!", "rtspclientsink", "location=" + url, "protocols=" + transport);
        }
    }

    private final Process process;
    private final Path log;
    private final String commandLine;

    private PublishingProgram(Process process, Path log, String commandLine) {
        this.process = process;
        this.log = log;
        this.commandLine = commandLine;
    }

    /** Starts {@code kind} publishing to {@code url} for {@code seconds} (its own bound; kill ends it sooner). */
    static PublishingProgram start(Kind kind, String url, int seconds) throws IOException {
        List<String> command = kind.command(url, seconds);
        Path log = Files.createTempFile("rill-publisher", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new PublishingProgram(process, log, String.join(" ", command));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the publisher to end by itself; its exit status. Fails after {@code seconds}. */
    int awaitExit(int seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the publisher still runs after " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Ends the publisher abruptly (SIGKILL): no TEARDOWN, the server sees its connection close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The command and what the program printed so far, for failure messages. */
    String output() throws IOException {
        return commandLine + "\n" + Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
