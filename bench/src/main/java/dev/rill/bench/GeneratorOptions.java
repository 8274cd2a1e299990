package dev.rill.bench;

import dev.rill.spi.VideoSize;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The load generator's command line.
 *
 * @param url                  the presentation to play ({@code rtsp://}), or an HTTP MJPEG stream
 *                             ({@code http://host:port/stream/<mount>}) for HTTP viewers
 * @param sessions             sessions to open
 * @param durationSeconds      length of the measurement window
 * @param settleSeconds        wait between the last handshake and the window
 * @param tcp                  RTP interleaved on the RTSP connection instead of UDP
 * @param rampConcurrency      handshakes in flight at most
 * @param serverPid            the server's process id, for its CPU time and memory
 * @param json                 where to write the machine-readable report
 * @param expectedFps          the frame rate sessions are judged against (default: the SDP's)
 * @param drift                report every session's schedule offset (the long drift check)
 * @param receivers            receiver threads (selectors)
 * @param receiveBuffer        SO_RCVBUF asked for each media socket, bytes
 * @param timeoutMillis        the longest wait for one RTSP response
 * @param rampTimeoutSeconds   the longest the whole ramp may take
 * @param probeIntervalMillis  during the window, one extra OPTIONS…PLAY+TEARDOWN this often; 0: none
 * @param rtcpIntervalSeconds  RTCP receiver report interval per UDP session; 0: none
 * @param progressSeconds      a progress line on stderr this often; 0: none
 * @param heap                 measure the server's heap per session (jcmd GC.class_histogram; needs the pid)
 * @param sendCostMicros       CPU µs per bare send to compare the server with; without it, measured
 *                             before the ramp (with --server-pid)
 * @param pollMicros           receivers sleep this long when a poll finds nothing; 0: block in select
 * @param publish              publish generated frames to this URL (ANNOUNCE/RECORD) before the viewers start
 * @param publishUdp           publish RTP over UDP (client_port) instead of TCP interleaved
 * @param publishSize          the published pictures' size
 * @param publishFps           the published frame rate
 * @param publishPictures      distinct pictures in the published cycle
 * @param publishQuality       JPEG quality of the published pictures, (0, 1]
 * @param latencySample        viewer sessions (the first ones) whose frames are matched with the
 *                             publisher's for the publish-to-viewer latency
 * @param batchReads           read UDP RTP with recvmmsg, headers only, where the JVM allows it
 */
record GeneratorOptions(String url, int sessions, double durationSeconds, double settleSeconds, boolean tcp, int rampConcurrency,
                        Optional<String> serverPid, Optional<Path> json, OptionalDouble expectedFps, boolean drift,
                        int receivers, int receiveBuffer, int timeoutMillis, int rampTimeoutSeconds,
                        int probeIntervalMillis, double rtcpIntervalSeconds, double progressSeconds, boolean heap,
                        OptionalDouble sendCostMicros, long pollMicros, Optional<RtspUrl> publish,
                        boolean publishUdp, VideoSize publishSize, double publishFps, int publishPictures, double publishQuality,
                        int latencySample, boolean batchReads) {

    static final String DEFAULT_URL = "rtsp://127.0.0.1:8554/movie.Mjpeg";
    /**
     * Receivers poll and sleep this long rather than block: a receiver blocked in select is woken
     * by nearly every datagram, and on loopback the sender pays for that wake-up inside its send,
     * which a client on another machine never costs it. The yardstick's sink polls the same way.
     */
    static final long DEFAULT_POLL_MICROS = 1000;
    /** Viewer sessions whose frames are hashed for the publish-to-viewer latency. */
    static final int DEFAULT_LATENCY_SAMPLE = 20;

    static final String USAGE = """
            Usage: java -cp rill-bench.jar dev.rill.bench.LoadGenerator [options]

            Opens N concurrent RTSP sessions (or HTTP MJPEG viewers) against one URL, ramps them up with a bounded number
            of handshakes in flight, receives for D seconds, tears every session down, and reports
            what was established, received, lost and how long everything took; with --server-pid,
            also the server's CPU time and memory. Reception runs on one or two selector threads
            so that the generator is not the bottleneck; its own CPU is reported too.

            Options:
              --url URL               the presentation (default %s)
              --sessions N            sessions to open (default 100)
              --duration SECONDS      measurement window (default 10)
              --settle SECONDS        wait between the last PLAY reply and the window, so that the
                                      ramp's aftermath (a sender catching up, JIT) stays out of it
                                      (default 1)
              --tcp                   RTP/AVP/TCP interleaved on the RTSP connection (default: UDP,
                                      RTP/AVP;unicast;client_port=a-b on even/odd ports)
              --ramp-concurrency K    handshakes (OPTIONS..PLAY) in flight at most (default 64)
              --server-pid PID        read the server's CPU time (utime+stime of /proc/PID/stat),
                                      resident memory (VmRSS) and busiest threads
              --json FILE             also write the report as JSON
              --expected-fps F        judge sessions against F frames/s (default: SDP a=framerate)
              --drift                 report each session's schedule offset at the end: frame k's
                                      arrival vs first arrival + k/fps (k from the RTP timestamp)
              --receivers R           receiver threads, 1 or 2 (default 1)
              --rcvbuf BYTES          SO_RCVBUF asked for each media socket (default 262144; the
                                      kernel caps it at net.core.rmem_max)
              --timeout MS            longest wait for one RTSP response (default 10000)
              --ramp-timeout SECONDS  longest the ramp may take in all (default 300)
              --probe-interval MS     during the window, time one extra session's OPTIONS..PLAY and
                                      TEARDOWN this often: the round trip while everything plays
                                      (default 1000; 0 disables)
              --rtcp-interval SECONDS RTCP receiver report per UDP session, which keeps sessions
                                      alive past the server's timeout (default 5; 0 disables)
              --progress SECONDS      a progress line on stderr this often (default 5; 0 disables)
              --heap                  with --server-pid: heap used per session, from the live heap
                                      (jcmd GC.class_histogram) before the ramp and at the end of
                                      the window (the forced GCs happen outside the window)
              --send-cost-us X        the bare DatagramChannel.send CPU cost in µs to compare the
                                      server's CPU per packet with (default: with --server-pid,
                                      measured before the ramp: median of 5 rounds of 200,000)
              --poll-us U             a receiver polls its sockets every U µs (default %d;
                                      arrival times are then late by up to that much); 0
                                      blocks in select, so that nearly every
                                      datagram wakes it and the server's send pays for that
              --read-per-datagram     read UDP RTP one datagram a call, whole, through the selector
                                      (default on Linux with Java 22+ and --add-exports
                                      java.base/sun.nio.ch=ALL-UNNAMED, unless --poll-us 0: an
                                      epoll of the RTP sockets and one recvmmsg a ready socket
                                      that copies only the RTP headers)
              --help, -h              print this help

            HTTP viewers (issue 14): give an http:// URL, e.g.
              --url http://127.0.0.1:8080/stream/movie.Mjpeg --sessions 200 --expected-fps 20
                                      each session is a browser-like viewer: GET over HTTP/1.1,
                                      multipart/x-mixed-replace read on the same selector threads
                                      (boundary from the Content-Type, parts by Content-Length,
                                      chunked bodies de-chunked); a part is a frame. Frame rates,
                                      inter-frame intervals and --drift are measured as for RTP;
                                      there is no SDP, so give --expected-fps (default 20). The
                                      report's "CPU per frame delivered" (server CPU / frames all
                                      viewers got in the window) compares with an RTSP run's.

            Publishing (issue 13):
              --publish URL           before the viewers start, publish generated frames to URL
                                      (rtsp://host:port/live): ANNOUNCE (SDP: m=video 0 RTP/AVP 26,
                                      a=control:streamid=0), SETUP with RTP/AVP/TCP;unicast;
                                      interleaved=0-1;mode=record, RECORD, RFC 2435 packets in $
                                      frames paced by the wall clock, TEARDOWN at the end. The
                                      viewers play --url (normally the same URL). --sessions 0
                                      publishes alone for --duration seconds.
              --publish-udp           the publisher sends RTP over UDP (SETUP with
                                      RTP/AVP;unicast;client_port=a-b;mode=record) to the
                                      server_port pair of the reply (default: TCP interleaved)
              --publish-size WxH      picture size (default 640x480)
              --publish-fps F         frame rate (default 25; also the viewers' expected rate
                                      unless --expected-fps or the SDP says otherwise)
              --publish-pictures N    distinct pictures sent round and round (default 250); each
                                      shows its number and is pre-encoded before the run
              --publish-quality Q     JPEG quality in (0, 1] (default 0.75)
              --latency-sample N      the first N viewer sessions hash every frame's scan data and
                                      look up when the publisher sent it: publish-to-viewer latency
                                      p50 / p99 / max in the window (default %d)

            Example (loopback only):
              java -cp bench/target/rill-bench.jar dev.rill.bench.LoadGenerator \\
                  --url rtsp://127.0.0.1:8554/movie.Mjpeg --sessions 100 --duration 10 --server-pid 12345

            Every UDP session needs 3 file descriptors (RTSP, RTP, RTCP), a TCP one 1: the
            generator stops at once when the open-files limit is too low and says what to raise.
            """.formatted(DEFAULT_URL, DEFAULT_POLL_MICROS, DEFAULT_LATENCY_SAMPLE);

    GeneratorOptions {
        if (url.regionMatches(true, 0, "http://", 0, 7)) {
            HttpTarget.parse(url);
            if (tcp) {
                throw new IllegalArgumentException("--tcp is for RTSP URLs; an http:// URL is read over TCP anyway");
            }
            if (publish.isPresent()) {
                throw new IllegalArgumentException("--publish measures RTSP viewers: give an rtsp:// --url");
            }
        } else {
            RtspUrl.parse(url);
        }
        if (!(publishFps > 0 && publishFps <= 1000) || publishPictures < 1 || publishPictures > 10_000
                || !(publishQuality > 0 && publishQuality <= 1) || latencySample < 0) {
            throw new IllegalArgumentException("--publish-fps must be in (0, 1000], --publish-pictures 1..10000,"
                    + " --publish-quality in (0, 1], --latency-sample >= 0");
        }
        if (sessions < 1 && !(sessions == 0 && publish.isPresent())) {
            throw new IllegalArgumentException("--sessions must be >= 1 (0 only with --publish: publish alone): " + sessions);
        }
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("--duration must be > 0 seconds: " + durationSeconds);
        }
        if (!(settleSeconds >= 0)) {
            throw new IllegalArgumentException("--settle must be >= 0 seconds: " + settleSeconds);
        }
        if (rampConcurrency < 1) {
            throw new IllegalArgumentException("--ramp-concurrency must be >= 1: " + rampConcurrency);
        }
        if (receivers < 1 || receivers > 2) {
            throw new IllegalArgumentException("--receivers must be 1 or 2: " + receivers);
        }
        if (receiveBuffer < 0 || timeoutMillis < 1 || rampTimeoutSeconds < 1 || probeIntervalMillis < 0
                || rtcpIntervalSeconds < 0 || progressSeconds < 0 || pollMicros < 0 || pollMicros > 100_000) {
            throw new IllegalArgumentException("--rcvbuf, --probe-interval, --rtcp-interval and --progress must be"
                    + " >= 0, --poll-us 0..100000, --timeout and --ramp-timeout >= 1");
        }
        expectedFps.ifPresent(f -> {
            if (!(f > 0 && f <= 1000)) {
                throw new IllegalArgumentException("--expected-fps must be in (0, 1000]: " + f);
            }
        });
        if (heap && serverPid.isEmpty()) {
            throw new IllegalArgumentException("--heap needs --server-pid");
        }
    }

    /** True when the viewers are HTTP MJPEG readers. */
    boolean http() {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }

    /** The RTSP URL viewers play; only when not {@link #http()}. */
    RtspUrl rtspUrl() {
        return RtspUrl.parse(url);
    }

    /** The HTTP stream viewers read; only when {@link #http()}. */
    HttpTarget httpUrl() {
        return HttpTarget.parse(url);
    }

    /** Thrown for --help: not an error, the caller prints the usage. */
    static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static GeneratorOptions parse(String... args) throws HelpRequested {
        String url = DEFAULT_URL;
        int sessions = 100;
        double duration = 10;
        double settle = 1;
        boolean tcp = false;
        int ramp = 64;
        Optional<String> pid = Optional.empty();
        Optional<Path> json = Optional.empty();
        OptionalDouble fps = OptionalDouble.empty();
        boolean drift = false;
        int receivers = 1;
        int rcvbuf = 256 * 1024;
        int timeout = 10_000;
        int rampTimeout = 300;
        int probe = 1000;
        double rtcp = 5;
        double progress = 5;
        boolean heap = false;
        OptionalDouble sendCost = OptionalDouble.empty();
        long poll = DEFAULT_POLL_MICROS;
        Optional<RtspUrl> publish = Optional.empty();
        VideoSize publishSize = new VideoSize(640, 480);
        double publishFps = 25;
        int pictures = 250;
        double quality = 0.75;
        int latencySample = DEFAULT_LATENCY_SAMPLE;
        boolean publishUdp = false;
        boolean batchReads = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--tcp" -> tcp = true;
                case "--drift" -> drift = true;
                case "--heap" -> heap = true;
                case "--publish-udp" -> publishUdp = true;
                case "--read-per-datagram" -> batchReads = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option.startsWith("--")
                                ? option + " needs a value" : "unknown argument: " + option);
                    }
                    String v = args[++i];
                    switch (option) {
                        case "--url" -> url = v;
                        case "--sessions" -> sessions = integer(option, v);
                        case "--duration" -> duration = number(option, v);
                        case "--settle" -> settle = number(option, v);
                        case "--ramp-concurrency" -> ramp = integer(option, v);
                        case "--server-pid" -> pid = Optional.of(pid(v));
                        case "--json" -> json = Optional.of(Path.of(v));
                        case "--expected-fps" -> fps = OptionalDouble.of(number(option, v));
                        case "--receivers" -> receivers = integer(option, v);
                        case "--rcvbuf" -> rcvbuf = integer(option, v);
                        case "--timeout" -> timeout = integer(option, v);
                        case "--ramp-timeout" -> rampTimeout = integer(option, v);
                        case "--probe-interval" -> probe = integer(option, v);
                        case "--rtcp-interval" -> rtcp = number(option, v);
                        case "--progress" -> progress = number(option, v);
                        case "--send-cost-us" -> sendCost = OptionalDouble.of(number(option, v));
                        case "--poll-us" -> poll = integer(option, v);
                        case "--publish" -> publish = Optional.of(RtspUrl.parse(v));
                        case "--publish-size" -> publishSize = size(option, v);
                        case "--publish-fps" -> publishFps = number(option, v);
                        case "--publish-pictures" -> pictures = integer(option, v);
                        case "--publish-quality" -> quality = number(option, v);
                        case "--latency-sample" -> latencySample = integer(option, v);
                        default -> throw new IllegalArgumentException("unknown option: " + option);
                    }
                }
            }
        }
        return new GeneratorOptions(url, sessions, duration, settle, tcp, ramp, pid, json, fps, drift,
                receivers, rcvbuf, timeout, rampTimeout, probe, rtcp, progress, heap, sendCost, poll, publish, publishUdp, publishSize,
                publishFps, pictures, quality, latencySample, batchReads);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number: " + value);
        }
    }

    private static double number(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value);
        }
    }

    private static VideoSize size(String option, String value) {
        String[] wh = value.toLowerCase(java.util.Locale.ROOT).split("x");
        if (wh.length == 2) {
            int w = integer(option, wh[0]);
            int h = integer(option, wh[1]);
            if (w >= 16 && h >= 16 && w <= 2040 && h <= 2040) {
                return new VideoSize(w, h);
            }
        }
        throw new IllegalArgumentException(option + " needs WIDTHxHEIGHT, each 16..2040 (RFC 2435): " + value);
    }

    private static String pid(String value) {
        if (!value.matches("[1-9][0-9]{0,9}")) {
            throw new IllegalArgumentException("--server-pid needs a process id: " + value);
        }
        return value;
    }
}
