package dev.rill.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a soak run does: how long, how many viewers at once, which server (and its process, to
 * sample), where the report goes.
 *
 * @param rtspBase  {@code rtsp://host:port} of the server
 * @param httpBase  {@code http://host:port} of its HTTP listener
 * @param file      mount path of a looping stored clip (viewers' main diet)
 * @param live      mount path of the {@code publish} mount the soak's publishers come and go on
 * @param minutes   length of the run
 * @param viewers   viewers kept alive at once (each leaves at a random time and another comes)
 * @param serverPid the server's process, sampled every {@code sampleSeconds}
 * @param out       directory for {@code samples.csv}, {@code soak.png} and {@code summary.txt}
 */
record SoakOptions(String rtspBase, String httpBase, String file, String live, double minutes, int viewers,
                   String serverPid, Path out, int sampleSeconds) {

    static final String USAGE = """
            Soak: hours of viewers joining and leaving at random against one Rill server, with
            publishers coming and going and slow and vanishing readers, sampling the server's heap
            (after a full GC), open files, threads and RSS every minute; writes samples.csv, soak.png
            and summary.txt.

              java -cp rill-bench.jar dev.rill.bench.Soak --rtsp rtsp://127.0.0.1:18654 \\
                  --http http://127.0.0.1:18680 --server-pid PID [options]

              --rtsp URL          the server's RTSP base URL (required)
              --http URL          its HTTP listener (required: HTTP viewers)
              --server-pid PID    the server's process id (required: what is sampled)
              --file PATH         mount of a looping clip (default /movie.Mjpeg)
              --live PATH         publish mount (default /live)
              --minutes M         length of the run (default 120)
              --viewers N         viewers at once (default 500)
              --sample-seconds S  sampling period (default 60)
              --out DIR           report directory (default soak-report)
            """;

    static SoakOptions parse(String... args) {
        String rtsp = null;
        String http = null;
        String pid = null;
        String file = "/movie.Mjpeg";
        String live = "/live";
        double minutes = 120;
        int viewers = 500;
        int sample = 60;
        Path out = Path.of("soak-report");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--rtsp" -> rtsp = value;
                case "--http" -> http = value;
                case "--server-pid" -> pid = value;
                case "--file" -> file = value;
                case "--live" -> live = value;
                case "--minutes" -> minutes = Double.parseDouble(value);
                case "--viewers" -> viewers = Integer.parseInt(value);
                case "--sample-seconds" -> sample = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        String missing = rtsp == null ? "--rtsp" : http == null ? "--http" : pid == null ? "--server-pid" : null;
        if (missing != null) {
            throw new IllegalArgumentException(missing + " is required\n" + USAGE);
        }
        if (!(minutes > 0) || viewers < 1 || viewers > 10_000 || sample < 1) {
            throw new IllegalArgumentException("--minutes > 0, --viewers 1..10000, --sample-seconds >= 1\n" + USAGE);
        }
        return new SoakOptions(strip(rtsp), strip(http), file, live, minutes, viewers, pid, out, sample);
    }

    Optional<String> validPid() {
        return serverPid.chars().allMatch(Character::isDigit) ? Optional.of(serverPid) : Optional.empty();
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
