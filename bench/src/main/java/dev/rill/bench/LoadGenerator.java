package dev.rill.bench;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The load generator: opens many RTSP sessions (or HTTP MJPEG viewers) against one URL,
 * receives their media for a while, tears them down and reports (see
 * {@link GeneratorOptions#USAGE}). The phases: publish (with {@code --publish}: a
 * {@link Publisher} starts sending before any viewer comes), ramp (handshakes on virtual threads,
 * at most K in flight), window (reception only, on one or two selector threads; server and
 * generator CPU sampled at its edges), teardown, report.
 */
public final class LoadGenerator {

    /** Frames per second assumed when neither --expected-fps nor the SDP gives one. */
    static final double FALLBACK_FPS = 20;
    /** File descriptors kept for the JVM itself (jars, selectors, /proc reads, stdio). */
    static final int RESERVED_FILES = 128;
    /** The yardstick: the packet size, and rounds enough for a median on a noisy machine. */
    static final int YARDSTICK_SIZE = 1400;
    static final int YARDSTICK_ROUNDS = 5;
    static final long YARDSTICK_SENDS = 200_000;

    private final GeneratorOptions options;
    private final ReentrantLock sdpLock = new ReentrantLock();
    private final List<ReceiverLoop> receivers = new ArrayList<>();
    /** How the receivers read UDP RTP, for the report. */
    private String readPath = "";
    private Optional<SdpInfo> sdp = Optional.empty();
    private double expectedFps;
    private Optional<Publisher> publisher = Optional.empty();

    private LoadGenerator(GeneratorOptions options) {
        this.options = options;
        this.expectedFps = options.expectedFps().orElse(defaultFps());
    }

    /** The rate viewers are judged against when neither --expected-fps nor the SDP gives one. */
    private double defaultFps() {
        return options.publish().isPresent() ? options.publishFps() : FALLBACK_FPS;
    }

    public static void main(String[] args) {
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (GeneratorOptions.HelpRequested h) {
            System.out.print(GeneratorOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("rill-bench: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        try {
            Report report = run(options);
            System.out.print(ReportText.render(report));
            if (options.json().isPresent()) {
                Files.writeString(options.json().get(), Json.write(report.toMap()), StandardCharsets.UTF_8);
                System.out.println("\nJSON report written to " + options.json().get());
            }
            boolean published = report.publishing().map(p -> p.publisher().error().isEmpty()).orElse(false);
            System.exit(report.establishment().established() > 0 || options.sessions() == 0 && published ? 0 : 1);
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            System.err.println("rill-bench: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            System.err.println("rill-bench: interrupted");
            System.exit(2);
        }
    }

    /** One whole run: publish (if asked), ramp, window, teardown; the report. */
    static Report run(GeneratorOptions options) throws IOException, InterruptedException {
        LoadGenerator generator = new LoadGenerator(options);
        try {
            return generator.run();
        } finally {
            generator.publisher.ifPresent(Publisher::close); // stopped already, unless the run failed
        }
    }

    private Report run() throws IOException, InterruptedException {
        checkFileLimits();
        InetAddress server = InetAddress.getByName(options.http() ? options.httpUrl().host() : options.rtspUrl().host());
        InetAddress bind = server.isLoopbackAddress() ? server : InetAddress.getByName("0.0.0.0");
        long hz = ProcFiles.clockTicks();
        Optional<String> pid = options.serverPid();
        Optional<Report.Yardstick> yardstick = yardstick();
        OptionalLong rssBefore = pid.map(p -> ProcessSample.take(p, false).rssKb()).orElse(OptionalLong.empty());
        OptionalLong heapBefore = options.heap() ? HeapGauge.usedAfterGc(pid.orElseThrow()) : OptionalLong.empty();

        long reportNanos = (long) (options.rtcpIntervalSeconds() * 1e9);
        long localSsrc = ThreadLocalRandom.current().nextLong(1L << 32);
        for (int i = 0; i < options.receivers(); i++) {
            receivers.add(new ReceiverLoop("rill-bench-receiver-" + i,
                    StreamStats.Window.notYet(expectedFps, SdpInfo.VIDEO_CLOCK_RATE), reportNanos, localSsrc,
                    TimeUnit.MICROSECONDS.toNanos(options.pollMicros()), batch()));
        }
        if (!readPath.isEmpty()) {
            progress("UDP RTP reads: %s", readPath);
        }
        long timeout = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        Optional<Handshake> handshake = options.http() ? Optional.empty() : Optional.of(new Handshake(options.rtspUrl(),
                options.tcp(), timeout, options.receiveBuffer(), bind, this::learned));
        if (options.publish().isPresent()) {
            publish(options.publish().get(), timeout);
        }
        List<LoadSession> sessions = new ArrayList<>(options.sessions());
        for (int i = 0; i < options.sessions(); i++) {
            LoadSession s = new LoadSession(i);
            if (publisher.isPresent() && i < options.latencySample()) {
                s.latency(new FrameLatency(publisher.get().sendTimes()));
            }
            sessions.add(s);
        }
        progress("ramping up %d %s sessions, %d handshakes in flight at most", options.sessions(), transportName(),
                options.rampConcurrency());
        Ramp.Outcome ramp = Ramp.run(sessions, options.rampConcurrency(),
                TimeUnit.SECONDS.toNanos(options.rampTimeoutSeconds()), s -> {
                    try {
                        if (options.http()) {
                            HttpViewer viewer = HttpViewer.open(options.httpUrl(), timeout, options.receiveBuffer(), s,
                                    nanos -> {
                                        s.roundTrip(LoadSession.Step.GET, nanos);
                                        s.playAnswered(System.nanoTime()); // the stream starts with the head
                                    });
                            s.http(viewer);
                            s.grantedReceive(viewer.grantedReceive());
                            receiver(s).add(s);
                        } else if (options.tcp()) {
                            handshake.orElseThrow().establish(s);
                            s.control().orElseThrow().handOff(); // the RTP already read is skipped
                            receiver(s).add(s);
                        } else {
                            handshake.orElseThrow().establish(s, started -> receiver(started).add(started));
                        }
                    } catch (Exception e) {
                        s.close();
                        throw e;
                    }
                });
        List<LoadSession> established = ramp.succeeded();
        progress("%d established, %d failed in %.2f s", established.size(), ramp.failed(),
                (System.nanoTime() - ramp.started()) / 1e9);

        Window w = established.isEmpty() && publisher.isEmpty() ? Window.none() : window(established, handshake, pid);
        OptionalLong heapAfter = options.heap() && !established.isEmpty() ? HeapGauge.usedAfterGc(pid.orElseThrow())
                : OptionalLong.empty();

        Ramp.Outcome teardown = Ramp.run(established, options.rampConcurrency(),
                TimeUnit.SECONDS.toNanos(options.rampTimeoutSeconds()), s -> teardown(handshake, s));
        for (ReceiverLoop r : receivers) {
            r.close();
        }
        for (LoadSession s : sessions) {
            s.close();
        }
        Optional<Publisher.Result> published = publisher.map(Publisher::stop);
        return report(ramp, teardown, established, w, hz, rssBefore, heapBefore, heapAfter, yardstick, published);
    }

    /**
     * Makes the pictures, starts the publisher and waits until it has sent a second's frames,
     * so that the mount is live when the first viewer asks for it.
     */
    private void publish(RtspUrl url, long timeout) throws IOException, InterruptedException {
        progress("making %d pictures of %s for the publisher", options.publishPictures(), options.publishSize());
        PublishedCycle cycle = PublishedCycle.make(options.publishSize(), options.publishPictures(),
                (float) options.publishQuality());
        progress("publishing to %s at %.3f fps (%.0f bytes per picture on average)", url.text(), options.publishFps(),
                (double) cycle.bytes() / cycle.count());
        try {
            publisher = Optional.of(Publisher.start(url, cycle, options.publishFps(), timeout, options.publishUdp()));
        } catch (Handshake.Refused e) {
            throw new IllegalStateException("the server refused the publisher: " + e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (publisher.get().frames() < Math.ceil(options.publishFps()) && publisher.get().error().isEmpty()
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (publisher.get().error().isPresent()) {
            throw new IllegalStateException("publisher: " + publisher.get().error().get());
        }
    }

    private String transportName() {
        return options.http() ? "HTTP" : options.tcp() ? "TCP" : "UDP";
    }

    /** The bare send's cost: given, or measured here and now when the server's CPU is to be compared with it. */
    private Optional<Report.Yardstick> yardstick() throws IOException {
        if (options.sendCostMicros().isPresent()) {
            return Optional.of(new Report.Yardstick(options.sendCostMicros().getAsDouble(), options.sessions(),
                    OptionalDouble.empty(), "given with --send-cost-us"));
        }
        if (options.serverPid().isEmpty() || options.http() || options.sessions() == 0) {
            return Optional.empty(); // HTTP viewers are compared per frame with RTSP ones, not with a UDP send
        }
        progress("measuring the yardstick: bare DatagramChannel.send of %d bytes to %d socket(s) and to 1,"
                + " %d rounds of %,d each", YARDSTICK_SIZE, options.sessions(), YARDSTICK_ROUNDS, YARDSTICK_SENDS);
        long poll = TimeUnit.MICROSECONDS.toNanos(options.pollMicros());
        BareSend.Result fanOut = BareSend.measure(YARDSTICK_SIZE, YARDSTICK_SENDS, YARDSTICK_ROUNDS, options.sessions(), poll);
        BareSend.Result one = BareSend.measure(YARDSTICK_SIZE, YARDSTICK_SENDS, YARDSTICK_ROUNDS, 1, poll);
        return Optional.of(new Report.Yardstick(fanOut.medianMicros(), options.sessions(),
                OptionalDouble.of(one.medianMicros()), "measured before the ramp, " + fanOut.describe()));
    }

    /** The measurement window's samples and probe results. */
    private record Window(double seconds, long end, Optional<ProcessSample> serverStart, Optional<ProcessSample> serverEnd,
                          ProcessSample selfStart, ProcessSample selfEnd, Optional<ProcFiles.UdpCounters> udpErrors,
                          OptionalLong socketDrops, LatencyHistogram probes, long probeFailures,
                          Optional<ProcFiles.MachineTicks> machine) {
        /** No window: no session was established. */
        static Window none() {
            ProcessSample self = ProcessSample.take("self", false);
            return new Window(0, 0, Optional.empty(), Optional.empty(), self, self, Optional.empty(), OptionalLong.empty(),
                    new LatencyHistogram(), 0, Optional.empty());
        }
    }

    private Window window(List<LoadSession> established, Optional<Handshake> handshake, Optional<String> pid)
            throws InterruptedException {
        if (options.settleSeconds() > 0) {
            progress("settling for %.1f s", options.settleSeconds());
            TimeUnit.NANOSECONDS.sleep((long) (options.settleSeconds() * 1e9));
        }
        Optional<ProcFiles.UdpCounters> snmpStart = snmp();
        Optional<ProcFiles.MachineTicks> machineStart = ProcFiles.machine();
        Optional<ProcessSample> serverStart = pid.map(p -> ProcessSample.take(p, true));
        ProcessSample selfStart = ProcessSample.take("self", false);
        long start = System.nanoTime();
        long length = (long) (options.durationSeconds() * 1e9);
        for (ReceiverLoop r : receivers) {
            r.window(r.window().opened(start, length));
        }
        Optional<Probe> probe = options.probeIntervalMillis() > 0 && handshake.isPresent() && !established.isEmpty()
                ? Optional.of(new Probe(handshake.get(), TimeUnit.MILLISECONDS.toNanos(options.probeIntervalMillis())))
                : Optional.empty();
        progress("receiving for %.1f s", options.durationSeconds());
        long progressNanos = (long) (options.progressSeconds() * 1e9);
        long nextProgress = start + (progressNanos > 0 ? progressNanos : Long.MAX_VALUE / 2);
        long lastPackets = packets();
        long lastTime = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= start + length) {
                break;
            }
            if (now >= nextProgress) {
                long p = packets();
                progress("t=%5.1f s  %,.0f packets/s", (now - start) / 1e9, (p - lastPackets) * 1e9 / (now - lastTime));
                lastPackets = p;
                lastTime = now;
                nextProgress += progressNanos;
            }
            long sleep = Math.min(start + length, nextProgress) - now;
            TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(sleep, TimeUnit.MILLISECONDS.toNanos(200))));
        }
        Optional<ProcessSample> serverEnd = pid.map(p -> ProcessSample.take(p, true));
        ProcessSample selfEnd = ProcessSample.take("self", false);
        Optional<ProcFiles.UdpCounters> snmpEnd = snmp();
        Optional<ProcFiles.MachineTicks> machineEnd = ProcFiles.machine();
        OptionalLong drops = options.tcp() || options.http() ? OptionalLong.empty() : socketDrops(established);
        probe.ifPresent(Probe::close);
        Optional<ProcFiles.UdpCounters> udpErrors = snmpStart.isPresent() && snmpEnd.isPresent()
                ? Optional.of(snmpEnd.get().minus(snmpStart.get())) : Optional.empty();
        return new Window(length / 1e9, start + length, serverStart, serverEnd, selfStart, selfEnd, udpErrors, drops,
                probe.map(Probe::roundTrips).orElseGet(LatencyHistogram::new),
                probe.map(Probe::failures).orElse(0L),
                machineStart.isPresent() && machineEnd.isPresent()
                        ? Optional.of(machineEnd.get().minus(machineStart.get())) : Optional.empty());
    }

    private void teardown(Optional<Handshake> handshake, LoadSession s) throws Exception {
        if (options.http()) {
            s.http().orElseThrow().close(); // a viewer leaves by closing its connection, as a closed tab does
            return;
        }
        if (!options.tcp()) {
            handshake.orElseThrow().teardown(s);
            return;
        }
        RtspControl control = s.control().orElseThrow();
        s.teardownSent(System.nanoTime());
        control.send(RtspMethod.TEARDOWN, s.aggregateUrl(), RtspHeaders.SESSION, s.sessionId());
        if (!s.teardownReplied().await(options.timeoutMillis(), TimeUnit.MILLISECONDS)) {
            throw new Handshake.Refused("no TEARDOWN reply within " + options.timeoutMillis() + " ms");
        }
        if (s.roundTrip(LoadSession.Step.TEARDOWN) == 0) {
            throw new Handshake.Refused("TEARDOWN refused");
        }
    }

    private Report report(Ramp.Outcome ramp, Ramp.Outcome teardown, List<LoadSession> established, Window w, long hz,
                          OptionalLong rssBefore, OptionalLong heapBefore, OptionalLong heapAfter,
                          Optional<Report.Yardstick> yardstick, Optional<Publisher.Result> published) {
        Tally tally = Tally.of(established, w.seconds(), w.end());
        LatencyHistogram intervals = new LatencyHistogram();
        LatencyHistogram before = new LatencyHistogram();
        LatencyHistogram latencies = new LatencyHistogram();
        long receiverErrors = 0;
        long foreign = 0;
        long bytes = 0;
        for (ReceiverLoop r : receivers) {
            latencies.add(r.latencies());
            bytes += r.bytes();
            intervals.add(r.intervals().inWindow());
            before.add(r.intervals().beforeWindow());
            receiverErrors += r.errors();
            foreign += r.foreign();
        }
        Map<String, LatencyHistogram> byStep = new LinkedHashMap<>();
        LatencyHistogram all = new LatencyHistogram();
        for (LoadSession.Step step : LoadSession.Step.values()) {
            if (options.http() != (step == LoadSession.Step.GET)) {
                continue; // an RTSP session makes no GET, an HTTP viewer no RTSP request
            }
            LatencyHistogram h = new LatencyHistogram();
            for (LoadSession s : established) {
                long rtt = s.roundTrip(step);
                if (rtt > 0) {
                    h.record(rtt);
                    if (step != LoadSession.Step.TEARDOWN) {
                        all.record(rtt);
                    }
                }
            }
            byStep.put(step.name(), h);
        }
        Map<String, Report.Millis> byMethod = new LinkedHashMap<>();
        byStep.forEach((k, v) -> byMethod.put(k, Report.Millis.of(v)));

        Map<String, Long> reasons = new LinkedHashMap<>(ramp.failures());
        if (ramp.unfinished() > 0) {
            reasons.merge("handshake unfinished at the ramp timeout", (long) ramp.unfinished(), Long::sum);
        }
        int grantedBuffer = established.stream().mapToInt(LoadSession::grantedReceive).min().orElse(0);
        Report.Establishment establishment = new Report.Establishment(options.sessions(), established.size(),
                ramp.failed(), reasons, ramp.lastDone() == 0 ? 0 : (ramp.lastDone() - ramp.started()) / 1e9,
                ramp.lastDone() == 0 ? 0 : (ramp.lastDone() - ramp.firstDone()) / 1e9, teardown.succeeded().size(),
                teardown.failures(), tally.closedByServer());
        Report.Reception reception = new Report.Reception(w.seconds(), expectedFps, Report.Distribution.of(tally.fps()),
                Report.Distribution.of(tally.fpsWhileReceiving()), w.seconds() > 0 ? tally.windowFrames() / w.seconds() : 0,
                Report.withinTolerance(tally.fps(), expectedFps, Report.FPS_TOLERANCE), tally.stalled(), tally.packets(), tally.lost(), tally.lostToEnd(), tally.late(),
                tally.rtcp(), w.socketDrops(), w.udpErrors(), options.receiveBuffer(), grantedBuffer, rmemMax(),
                Report.Millis.of(intervals), Report.Millis.of(before), foreign, receiverErrors, tally.windowFrames(), bytes);
        Report.RoundTrips roundTrips = new Report.RoundTrips(Report.Millis.of(all), byMethod,
                Report.Millis.of(w.probes()), w.probeFailures());
        OptionalDouble heapPerSession = heapBefore.isPresent() && heapAfter.isPresent()
                ? Report.heapPerSession(heapBefore.getAsLong(), heapAfter.getAsLong(), established.size())
                : OptionalDouble.empty();
        Optional<Report.Usage> serverUsage = w.serverStart().isPresent() && w.serverEnd().isPresent()
                ? Optional.of(w.serverEnd().get().since(w.serverStart().get(), hz, tally.packets(), tally.windowFrames(), rssBefore,
                yardstick.map(y -> OptionalDouble.of(y.micros())).orElse(OptionalDouble.empty()), heapPerSession))
                : Optional.empty();
        Report.Usage generator = w.selfEnd().since(w.selfStart(), hz, tally.packets(), tally.windowFrames(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty());
        Optional<Report.Machine> machine = w.machine().map(m -> new Report.Machine((double) m.busy() / hz,
                (double) m.interrupts() / hz, w.seconds(), generator.cpuSeconds(), tally.packets()));
        Optional<Report.Drift> drift = options.drift() ? Optional.of(Tally.drift(established, expectedFps))
                : Optional.empty();
        Optional<Report.Publishing> publishing = published.map(p -> Tally.publishing(p, established, latencies));
        String transport = options.http() ? "HTTP multipart/x-mixed-replace"
                : options.tcp() ? "RTP/AVP/TCP interleaved" : "RTP/AVP UDP unicast";
        return new Report(options.url(), transport, establishment, reception, roundTrips, serverUsage, generator, drift,
                yardstick, publishing, readPath, machine);
    }

    /** A batch reader for one receiver thread, where asked for and possible; notes in {@link #readPath} how RTP is read. */
    private Optional<RtpHeaderBatch> batch() {
        if (options.tcp() || options.http()) {
            return Optional.empty();
        }
        if (!options.batchReads() || options.pollMicros() == 0) {
            readPath = "one read a datagram (" + (options.batchReads() ? "--poll-us 0" : "--read-per-datagram") + ")";
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        Optional<RtpHeaderBatch> batch = RtpHeaderBatch.load(why);
        readPath = batch.isPresent()
                ? "epoll, then recvmmsg of the headers only, up to " + RtpHeaderBatch.CAPACITY + " datagrams a call"
                : "one read a datagram: " + why;
        return batch;
    }

    private ReceiverLoop receiver(LoadSession s) {
        return receivers.get(s.index() % receivers.size());
    }

    /** Called by every handshake after DESCRIBE; the first SDP sets the frame timing for all. */
    private void learned(SdpInfo info) {
        sdpLock.lock();
        try {
            if (sdp.isPresent()) {
                return;
            }
            sdp = Optional.of(info);
            expectedFps = options.expectedFps().orElse(info.frameRate().orElse(defaultFps()));
            for (ReceiverLoop r : receivers) {
                r.window(StreamStats.Window.notYet(expectedFps, info.clockRate()));
            }
        } finally {
            sdpLock.unlock();
        }
    }

    private long packets() {
        long p = 0;
        for (ReceiverLoop r : receivers) {
            p += r.packets();
        }
        return p;
    }

    private void checkFileLimits() {
        long needed = (long) options.sessions() * (options.tcp() || options.http() ? 1 : 3) + RESERVED_FILES;
        OptionalLong limit = ProcFiles.read(Path.of("/proc/self/limits")).map(ProcFiles::parseMaxOpenFiles)
                .orElse(OptionalLong.empty());
        if (limit.isPresent() && limit.getAsLong() < needed) {
            throw new IllegalStateException(String.format(
                    "%d %s sessions need about %d open files, but this process may open only %d.%n"
                            + "Raise the limit in the shell that starts the generator: ulimit -n %d%n"
                            + "(up to the hard limit, `ulimit -Hn`; beyond it as root or in /etc/security/limits.conf).",
                    options.sessions(), transportName(), needed, limit.getAsLong(), needed));
        }
        options.serverPid().flatMap(p -> ProcFiles.read(Path.of("/proc", p, "limits")))
                .map(ProcFiles::parseMaxOpenFiles).orElse(OptionalLong.empty()).ifPresent(serverLimit -> {
                    if (serverLimit < options.sessions() + RESERVED_FILES) {
                        progress("WARNING: the server may open only %d files; %d sessions need about %d there",
                                serverLimit, options.sessions(), options.sessions() + RESERVED_FILES);
                    }
                });
    }

    private static Optional<ProcFiles.UdpCounters> snmp() {
        return ProcFiles.read(Path.of("/proc/net/snmp")).map(ProcFiles::parseSnmpUdp);
    }

    private static OptionalLong socketDrops(List<LoadSession> sessions) {
        Set<Integer> ports = new HashSet<>();
        for (LoadSession s : sessions) {
            s.udp().ifPresent(u -> ports.add(u.rtpPort()));
        }
        Optional<String> table = ProcFiles.read(Path.of("/proc/net/udp"));
        Optional<String> table6 = ProcFiles.read(Path.of("/proc/net/udp6"));
        if (table.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ProcFiles.parseUdpDrops(table.get(), ports)
                + table6.map(t -> ProcFiles.parseUdpDrops(t, ports)).orElse(0L));
    }

    private static OptionalLong rmemMax() {
        return ProcFiles.read(Path.of("/proc/sys/net/core/rmem_max")).map(String::trim).map(s -> {
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    /** A progress line on stderr (the report itself goes to stdout). */
    private static void progress(String format, Object... args) {
        System.err.printf("rill-bench: " + format + "%n", args);
    }
}
