package dev.rill.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The command line: a target (or none: the window asks for one) and the flags.
 *
 * @param target       what to play; empty opens the window with an empty URL field
 * @param tcp          RTP over the RTSP connection from the start, no UDP attempt
 * @param headless     no window: play, write frames and statistics, exit
 * @param frames       headless: stop after this many frames shown; empty plays to the end
 * @param out          headless: directory for {@code frame-00001.jpg}, ...
 * @param stats        headless: file for the statistics as JSON
 * @param start        where to start playing, for presentations with a length
 * @param playoutDelay how long a frame waits in the jitter buffer behind its arrival
 * @param rtspTimeout  longest wait for an RTSP reply or a connection
 * @param udpTimeout   how long PLAY over UDP may go without a packet before trying TCP
 * @param maxTime      headless: longest the whole run may take
 * @param verbose      log every RTSP message and more
 * @param help         print the usage and exit
 */
record Options(Optional<Target> target, boolean tcp, boolean headless, OptionalLong frames, Optional<Path> out,
               Optional<Path> stats, Optional<Duration> start, Duration playoutDelay, Duration rtspTimeout,
               Duration udpTimeout, Duration maxTime, boolean verbose, boolean help) {

    static final Duration DEFAULT_PLAYOUT_DELAY = Duration.ofMillis(150);
    static final Duration DEFAULT_RTSP_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_UDP_TIMEOUT = Duration.ofSeconds(3);
    static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(120);

    Options {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(start, "start");
        if (playoutDelay.isNegative() || playoutDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("--delay must be 0..1000 ms: " + playoutDelay.toMillis());
        }
        if (rtspTimeout.isNegative() || rtspTimeout.isZero()) {
            throw new IllegalArgumentException("--rtsp-timeout must be > 0: " + rtspTimeout);
        }
        if (udpTimeout.isNegative() || udpTimeout.isZero()) {
            throw new IllegalArgumentException("--udp-timeout must be > 0: " + udpTimeout);
        }
        if (frames.isPresent() && frames.getAsLong() < 1) {
            throw new IllegalArgumentException("--frames must be at least 1: " + frames.getAsLong());
        }
    }

    static final String USAGE = """
            Rill player: plays MJPEG video from an RTSP server (Rill, GStreamer's rtsp-server, the course's servers).

            Usage:
              java -jar rill-player.jar [options] rtsp://host:port/path
              java -jar rill-player.jar [options] server_host server_port rtp_port video_file
              java -jar rill-player.jar [options]          (a window with a field to type a URL)

            The second form is the course's: it speaks the course's classic RTSP dialect (bare file name,
            RTP/UDP to rtp_port; 0 picks a free port), so it plays the course's own servers as well as Rill.
            The course's three-word form (server_host server_port video_file) receives on port 25000.

            Options:
              --tcp                 receive RTP over the RTSP connection (interleaved) from the start;
                                    without it the player uses UDP and switches to TCP by itself when
                                    no packet arrives within --udp-timeout
              --headless            no window: play, write frames and statistics, then exit
                                    (exit status 0 when frames were played, non-zero on failure)
              --frames N            headless: stop after N frames shown (default: play to the end)
              --out DIR             headless: write each frame shown as DIR/frame-00001.jpg, ...
              --stats FILE          headless: write the statistics as JSON to FILE
              --start SECONDS       start playing at this position (presentations with a length)
              --delay MS            jitter buffer playout delay, 0..1000 ms (default 150)
              --rtsp-timeout SEC    longest wait for the server's reply (default 5)
              --udp-timeout SEC     wait this long for the first UDP packet before trying TCP (default 3)
              --timeout SEC         headless: give up after this long (default 120)
              --verbose             log every RTSP message and more detail
              --help                print this text
            """;

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the option or word that is wrong
     */
    static Options parse(String... args) {
        List<String> words = new ArrayList<>();
        boolean tcp = false;
        boolean headless = false;
        boolean verbose = false;
        boolean help = false;
        OptionalLong frames = OptionalLong.empty();
        Optional<Path> out = Optional.empty();
        Optional<Path> stats = Optional.empty();
        Optional<Duration> start = Optional.empty();
        Duration delay = DEFAULT_PLAYOUT_DELAY;
        Duration rtspTimeout = DEFAULT_RTSP_TIMEOUT;
        Duration udpTimeout = DEFAULT_UDP_TIMEOUT;
        Duration maxTime = DEFAULT_MAX_TIME;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--tcp" -> tcp = true;
                case "--headless" -> headless = true;
                case "--verbose" -> verbose = true;
                case "--help", "-h" -> help = true;
                case "--frames" -> frames = OptionalLong.of(whole(value(args, i++), arg));
                case "--out" -> out = Optional.of(Path.of(value(args, i++)));
                case "--stats" -> stats = Optional.of(Path.of(value(args, i++)));
                case "--start" -> start = Optional.of(seconds(value(args, i++), arg));
                case "--delay" -> delay = Duration.ofMillis(whole(value(args, i++), arg));
                case "--rtsp-timeout" -> rtspTimeout = seconds(value(args, i++), arg);
                case "--udp-timeout" -> udpTimeout = seconds(value(args, i++), arg);
                case "--timeout" -> maxTime = seconds(value(args, i++), arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg + " (--help lists them)");
                    }
                    words.add(arg);
                }
            }
        }
        Optional<Target> target = words.isEmpty() || help ? Optional.empty() : Optional.of(Target.parse(words));
        if (headless && target.isEmpty() && !help) {
            throw new IllegalArgumentException("--headless needs a target: rtsp://host:port/path or the course's words");
        }
        return new Options(target, tcp, headless, frames, out, stats, start, delay, rtspTimeout, udpTimeout,
                maxTime, verbose, help);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static long whole(String text, String option) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number: '" + text + "'", e);
        }
    }

    private static Duration seconds(String text, String option) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || value < 0 || value > 86_400) {
                throw new IllegalArgumentException(option + " must be 0..86400 seconds: " + text);
            }
            return Duration.ofNanos(Math.round(value * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds: '" + text + "'", e);
        }
    }
}
