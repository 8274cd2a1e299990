package dev.rill.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything a load run found, grouped as the text report prints it, and the arithmetic that
 * turns raw counts into the numbers the targets are stated in. {@link #toMap()} is the JSON form.
 */
record Report(String url, String transport, Establishment establishment, Reception reception,
              RoundTrips roundTrips, Optional<Usage> server, Usage generator, Optional<Drift> drift,
              Optional<Yardstick> yardstick, Optional<Publishing> publishing, String readPath,
              Optional<Machine> machine) {

    /** A session is on rate when its frames/s is within this fraction of the expected rate. */
    static final double FPS_TOLERANCE = 0.01;
    /** The generator warns when it used more than this share of one core. */
    static final double GENERATOR_WARN_PERCENT = 50;

    /**
     * The whole machine's CPU over the window, every core. On loopback the server's process is
     * not charged with all it causes: interrupts and softirqs (loopback delivery, and with
     * {@code UDP_SEGMENT} the segmenting, which happens on receipt) count to no process. The
     * machine less the generator is the server and all the kernel does for both, the fairer
     * number to compare servers by on one box.
     *
     * @param busySeconds      busy CPU seconds of every core in the window
     * @param interruptSeconds of those, irq and softirq
     * @param windowSeconds    the window's length
     * @param generatorSeconds the generator's own CPU seconds in the window
     * @param packets          packets received in the window
     */
    record Machine(double busySeconds, double interruptSeconds, double windowSeconds, double generatorSeconds, long packets) {
        double percentOfCore() {
            return windowSeconds > 0 ? 100 * busySeconds / windowSeconds : 0;
        }

        double interruptPercentOfCore() {
            return windowSeconds > 0 ? 100 * interruptSeconds / windowSeconds : 0;
        }

        double lessGeneratorSeconds() {
            return Math.max(0, busySeconds - generatorSeconds);
        }

        OptionalDouble lessGeneratorMicrosPerPacket() {
            return packets > 0 ? OptionalDouble.of(lessGeneratorSeconds() * 1e6 / packets) : OptionalDouble.empty();
        }
    }

    /** Sessions asked for and what became of them; times in seconds. */
    record Establishment(int requested, int established, long failed, Map<String, Long> failureReasons,
                         double rampSeconds, double establishSeconds, long tornDown,
                         Map<String, Long> teardownFailures, long closedByServer) {
    }

    /**
     * What arrived in the measurement window.
     *
     * @param fps            frames/s per session: frames in the window / its length
     * @param fpsWhileReceiving frames/s per session from its first to its last frame in the window
     * @param withinTolerance sessions whose {@code fps} is within {@link #FPS_TOLERANCE} of {@code expectedFps}
     * @param stalled        sessions with no frame in the last second of the window
     * @param lostWholeRun   packets lost from PLAY to the end of the window
     * @param socketDrops    the drops column of /proc/net/udp over the sessions' RTP sockets
     * @param udpErrors      Udp InErrors and RcvbufErrors of /proc/net/snmp over the window (every socket of the host)
     * @param interFrameBefore inter-frame intervals before the window: while later sessions ramped up
     * @param foreignPackets RTP datagrams of another SSRC than SETUP announced, ignored
     * @param frames         frames all sessions received in the window (RTP: marker packets; HTTP: parts)
     * @param bytes          bytes the receivers read over the whole run (HTTP: heads and part headers too)
     */
    record Reception(double windowSeconds, double expectedFps, Distribution fps, Distribution fpsWhileReceiving,
                     double totalFps, int withinTolerance, int stalled, long packets, long lost, long lostWholeRun, long late, long rtcpPackets,
                     OptionalLong socketDrops, Optional<ProcFiles.UdpCounters> udpErrors, int receiveBufferAsked,
                     int receiveBufferGranted, OptionalLong rmemMax, Millis interFrame, Millis interFrameBefore,
                     long foreignPackets,
                     long receiverErrors, long frames, long bytes) {
    }

    /**
     * The publisher's side of a publish run, and the publish-to-viewer latency measured on the
     * sessions of the sample: from a frame's first packet written by the publisher to its last
     * packet read by a viewer, inside the window.
     *
     * @param unknown frames whose scan data the publisher never sent (altered on the way)
     * @param stale   frames that came after their picture had been sent again (a whole cycle late)
     * @param broken  frames given up by the sampled sessions because a packet was missing
     */
    record Publishing(Publisher.Result publisher, int sampledSessions, Millis latency, long matched, long unknown,
                      long stale, long broken) {
    }

    /**
     * The bare send's CPU µs the server's CPU per packet is divided by, and where it came from.
     *
     * @param destinations    sockets the bare sends went to in turn: as many as the run has
     *                        sessions, so that the kernel's per-destination work is the same
     * @param oneDestination  the same loop to a single socket (every cache warm), for comparison
     */
    record Yardstick(double micros, int destinations, OptionalDouble oneDestination, String how) {
    }

    /** RTSP round trips: every handshake's requests, per method, and the probes made inside the window. */
    record RoundTrips(Millis all, Map<String, Millis> byMethod, Millis probes, long probeFailures) {
    }

    /**
     * A process's use of the machine over the window.
     *
     * @param cpuSeconds      utime + stime
     * @param percentOfCore   cpuSeconds / window * 100
     * @param cpuMicrosPerPacket cpuSeconds / packets received by every session, in µs
     * @param cpuMicrosPerFrame  cpuSeconds / frames delivered to every session (HTTP: parts), in µs
     * @param busiestThreads  the threads with the most CPU in the window, "name: seconds"
     */
    record Usage(double cpuSeconds, double percentOfCore, OptionalLong rssKb, OptionalLong rssBeforeKb,
                 OptionalDouble cpuMicrosPerPacket, OptionalDouble cpuMicrosPerFrame, OptionalDouble timesBareSend,
                 OptionalDouble heapPerSessionBytes,
                 List<String> busiestThreads) {
    }

    /**
     * Schedule offsets (see {@link StreamStats}) over the sessions with at least two frames: the
     * drift over the window ({@code windowDrift*}: the offset of the window's last frame less that
     * of the frame before the window), then each session's last frame in the window: from its schedule (frame k due at the PLAY reply
     * + k/fps; {@code schedule*}), from its first frame's arrival instead, the largest any frame
     * had, and the drift (the last offset measured from the best of the first second's);
     * {@code maxFramesBehind} counts frames against the wall clock instead (time played × fps −
     * frames received + 1).
     */
    record Drift(int sessions, double maxAbsWindowDriftMs, double medianAbsWindowDriftMs, int windowDriftWithinOneFrame,
                 double maxAbsScheduleOffsetMs, double medianAbsScheduleOffsetMs,
                 int scheduleWithinOneFrame, double maxAbsOffsetAtEndMs, double medianAbsOffsetAtEndMs, double maxAbsOffsetEverMs,
                 int offsetWithinOneFrame, double maxAbsDriftMs, double medianAbsDriftMs, int driftWithinOneFrame,
                 double maxFramesBehind, int worstSession) {
    }

    /** min, 1st percentile, median and max of a set of values, by nearest rank; zeros when empty. */
    record Distribution(int count, double min, double p1, double median, double max) {
        static Distribution of(double[] values) {
            if (values.length == 0) {
                return new Distribution(0, 0, 0, 0, 0);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Distribution(sorted.length, sorted[0], rank(sorted, 1), rank(sorted, 50),
                    sorted[sorted.length - 1]);
        }

        private static double rank(double[] sorted, double percentile) {
            int rank = (int) Math.ceil(percentile / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    /** Count, median, 99th percentile and maximum of a histogram, in milliseconds. */
    record Millis(long count, double p50, double p99, double max) {
        static Millis of(LatencyHistogram h) {
            return new Millis(h.count(), h.percentile(50) / 1e6, h.percentile(99) / 1e6, h.max() / 1e6);
        }
    }

    // ---- arithmetic ----

    static double cpuSeconds(long ticks, long ticksPerSecond) {
        return (double) ticks / ticksPerSecond;
    }

    static double percentOfCore(double cpuSeconds, double wallSeconds) {
        return wallSeconds <= 0 ? 0 : 100 * cpuSeconds / wallSeconds;
    }

    /** CPU per packet in µs; empty without packets. */
    static OptionalDouble microsPerPacket(double cpuSeconds, long packets) {
        return packets <= 0 ? OptionalDouble.empty() : OptionalDouble.of(cpuSeconds * 1e6 / packets);
    }

    /** Sessions whose rate is within {@code tolerance} (a fraction) of {@code expected}. */
    static int withinTolerance(double[] fps, double expected, double tolerance) {
        int n = 0;
        for (double f : fps) {
            if (Math.abs(f - expected) <= tolerance * expected) {
                n++;
            }
        }
        return n;
    }

    /** Heap growth per session in bytes, from used-heap readings in KiB; empty without sessions. */
    static OptionalDouble heapPerSession(long usedBeforeKb, long usedAfterKb, int sessions) {
        return sessions <= 0 ? OptionalDouble.empty() : OptionalDouble.of((usedAfterKb - usedBeforeKb) * 1024.0 / sessions);
    }

    /** True when the generator used more than {@link #GENERATOR_WARN_PERCENT} of a core. */
    boolean generatorBusy() {
        return generator.percentOfCore() > GENERATOR_WARN_PERCENT;
    }

    // ---- JSON form ----

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("transport", transport);
        Establishment e = establishment;
        m.put("sessions", ordered("requested", e.requested(), "established", e.established(), "failed", e.failed(),
                "failureReasons", e.failureReasons(), "rampSeconds", e.rampSeconds(),
                "establishSeconds", e.establishSeconds(), "tornDown", e.tornDown(),
                "teardownFailures", e.teardownFailures(), "closedByServer", e.closedByServer()));
        Reception r = reception;
        m.put("reception", ordered("windowSeconds", r.windowSeconds(), "expectedFps", r.expectedFps(),
                "fpsPerSession", distribution(r.fps()), "fpsWhileReceiving", distribution(r.fpsWhileReceiving()),
                "totalFps", r.totalFps(), "sessionsWithinOnePercent", r.withinTolerance(), "stalledSessions", r.stalled(),
                "packets", r.packets(), "lostPackets", r.lost(), "lostPacketsWholeRun", r.lostWholeRun(),
                "latePackets", r.late(), "rtcpPackets", r.rtcpPackets(), "socketDrops", r.socketDrops(),
                "udpInErrors", r.udpErrors().map(ProcFiles.UdpCounters::inErrors),
                "udpRcvbufErrors", r.udpErrors().map(ProcFiles.UdpCounters::receiveBufferErrors),
                "rcvbufAsked", r.receiveBufferAsked(), "rcvbufGranted", r.receiveBufferGranted(),
                "rmemMax", r.rmemMax(), "interFrameMs", millis(r.interFrame()),
                "interFrameBeforeWindowMs", millis(r.interFrameBefore()), "foreignPackets", r.foreignPackets(),
                "receiverErrors", r.receiverErrors(), "framesInWindow", r.frames(), "bytesWholeRun", r.bytes()));
        Map<String, Object> byMethod = new LinkedHashMap<>();
        roundTrips.byMethod().forEach((k, v) -> byMethod.put(k, millis(v)));
        m.put("rtspRoundTripMs", ordered("all", millis(roundTrips.all()), "byMethod", byMethod,
                "probesDuringWindow", millis(roundTrips.probes()), "probeFailures", roundTrips.probeFailures()));
        server.ifPresent(u -> m.put("server", usage(u)));
        yardstick.ifPresent(y -> m.put("bareSend", ordered("cpuMicrosPerSend", y.micros(), "destinations", y.destinations(),
                "cpuMicrosPerSendToOneSocket", y.oneDestination(), "how", y.how())));
        m.put("generator", usage(generator));
        m.put("generatorReads", readPath);
        machine.ifPresent(x -> m.put("machine", Map.of("busySeconds", x.busySeconds(), "interruptSeconds", x.interruptSeconds(),
                "lessGeneratorSeconds", x.lessGeneratorSeconds(),
                "lessGeneratorMicrosPerPacket", x.lessGeneratorMicrosPerPacket().orElse(Double.NaN))));
        publishing.ifPresent(p -> {
            Publisher.Result r2 = p.publisher();
            m.put("publisher", ordered("url", r2.url(), "transport", r2.transport(), "width", r2.width(),
                    "height", r2.height(), "fps", r2.fps(), "pictures", r2.pictures(),
                    "averageJpegBytes", r2.averageJpegBytes(), "frames", r2.frames(), "packets", r2.packets(),
                    "bytes", r2.bytes(), "lateFrames", r2.lateFrames(), "maxLateMs", r2.maxLateMs(),
                    "rtcpIn", r2.rtcpIn(), "error", r2.error(), "teardown", r2.teardown()));
            m.put("publishToViewerLatency", ordered("sampledSessions", p.sampledSessions(),
                    "ms", millis(p.latency()), "matched", p.matched(), "unknown", p.unknown(), "stale", p.stale(),
                    "broken", p.broken()));
        });
        drift.ifPresent(d -> m.put("drift", ordered("sessions", d.sessions(),
                "maxAbsWindowDriftMs", d.maxAbsWindowDriftMs(), "medianAbsWindowDriftMs", d.medianAbsWindowDriftMs(),
                "windowDriftWithinOneFrame", d.windowDriftWithinOneFrame(),
                "maxAbsScheduleOffsetMs", d.maxAbsScheduleOffsetMs(), "medianAbsScheduleOffsetMs",
                d.medianAbsScheduleOffsetMs(), "scheduleWithinOneFrame", d.scheduleWithinOneFrame(),
                "maxAbsOffsetAtEndMs", d.maxAbsOffsetAtEndMs(),
                "medianAbsOffsetAtEndMs", d.medianAbsOffsetAtEndMs(), "maxAbsOffsetEverMs", d.maxAbsOffsetEverMs(),
                "offsetWithinOneFrame", d.offsetWithinOneFrame(), "maxAbsDriftMs", d.maxAbsDriftMs(),
                "medianAbsDriftMs", d.medianAbsDriftMs(), "driftWithinOneFrame", d.driftWithinOneFrame(),
                "maxFramesBehind", d.maxFramesBehind(), "worstSession", d.worstSession())));
        return m;
    }

    private static Map<String, Object> usage(Usage u) {
        return ordered("cpuSeconds", u.cpuSeconds(), "percentOfOneCore", u.percentOfCore(), "rssKb", u.rssKb(),
                "rssBeforeKb", u.rssBeforeKb(), "cpuMicrosPerPacket", u.cpuMicrosPerPacket(),
                "cpuMicrosPerFrame", u.cpuMicrosPerFrame(),
                "timesBareSend", u.timesBareSend(), "heapPerSessionBytes", u.heapPerSessionBytes(),
                "busiestThreads", u.busiestThreads());
    }

    private static Map<String, Object> distribution(Distribution d) {
        return ordered("sessions", d.count(), "min", d.min(), "p1", d.p1(), "median", d.median(), "max", d.max());
    }

    private static Map<String, Object> millis(Millis m) {
        return ordered("count", m.count(), "p50", m.p50(), "p99", m.p99(), "max", m.max());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
