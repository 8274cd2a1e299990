package dev.rill.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The report as a plain text table, one measure per line, for a terminal or a log. */
final class ReportText {

    private static final String NA = "n/a";

    private final StringBuilder sb = new StringBuilder(4096);

    private ReportText() {
    }

    static String render(Report r) {
        ReportText t = new ReportText();
        t.write(r);
        return t.sb.toString();
    }

    private void write(Report r) {
        Report.Establishment e = r.establishment();
        Report.Reception rc = r.reception();
        heading("Rill load run: " + r.url() + " over " + r.transport());
        row("sessions requested / established / failed", e.requested() + " / " + e.established() + " / " + e.failed());
        e.failureReasons().forEach((reason, count) -> row("  failure", count + " x " + reason));
        boolean http = r.transport().startsWith("HTTP");
        String reply = http ? "response head" : "PLAY reply";
        row("ramp (start to last " + reply + ")", f("%.2f s", e.rampSeconds()));
        row("establishment (first to last " + reply + ")", f("%.2f s", e.establishSeconds()));
        row("torn down / closed by server", e.tornDown() + " / " + e.closedByServer());
        e.teardownFailures().forEach((reason, count) -> row("  teardown failure", count + " x " + reason));

        heading("Reception over a window of " + f("%.1f s", rc.windowSeconds()) + ", expecting "
                + f("%.3f", rc.expectedFps()) + " fps");
        distribution("frames/s per session (frames / window)", rc.fps());
        distribution("frames/s while receiving (first to last frame)", rc.fpsWhileReceiving());
        row("frames/s in total", f("%.1f", rc.totalFps()));
        row("sessions within 1 % of the expected rate", rc.withinTolerance() + " of " + e.established()
                + (rc.stalled() > 0 ? " (" + rc.stalled() + " stalled: no frame in the window's last second)" : ""));
        row("packets received", Long.toString(rc.packets()));
        row("frames received", Long.toString(rc.frames()));
        row("bytes read (whole run)", Long.toString(rc.bytes()));
        row("lost packets (sequence gaps) in window / whole run", rc.lost() + " / " + rc.lostWholeRun());
        row("late (reordered) packets", Long.toString(rc.late()));
        if (rc.socketDrops().isPresent()) {
            row("socket drops (/proc/net/udp, our RTP sockets)", opt(rc.socketDrops()));
        }
        row("host UDP RcvbufErrors / InErrors in window", rc.udpErrors()
                .map(u -> u.receiveBufferErrors() + " / " + u.inErrors()).orElse(NA));
        row("SO_RCVBUF asked / least granted / rmem_max", rc.receiveBufferAsked() + " / " + rc.receiveBufferGranted()
                + " / " + opt(rc.rmemMax()) + " bytes");
        if (!http) {
            row("RTCP packets received", Long.toString(rc.rtcpPackets()));
        }
        millis("inter-frame interval", rc.interFrame());
        millis("  before the window (others ramping up)", rc.interFrameBefore());
        if (rc.foreignPackets() > 0) {
            row("packets of other SSRCs (ignored: stale streams?)", Long.toString(rc.foreignPackets()));
        }
        if (rc.receiverErrors() > 0) {
            row("receiver errors", Long.toString(rc.receiverErrors()));
        }

        heading(http ? "HTTP round trips" : "RTSP round trips");
        millis(http ? "ramp, GET to response head (queued behind K in flight)"
                : "ramp, OPTIONS..PLAY (queued behind K in flight)", r.roundTrips().all());
        for (Map.Entry<String, Report.Millis> m : r.roundTrips().byMethod().entrySet()) {
            millis("  " + m.getKey(), m.getValue());
        }
        if (!http) {
            millis("probes in the window, OPTIONS..TEARDOWN, one at a time", r.roundTrips().probes());
        }
        if (r.roundTrips().probeFailures() > 0) {
            row("probe failures", Long.toString(r.roundTrips().probeFailures()));
        }

        r.server().ifPresent(u -> usage("Server", u));
        r.yardstick().ifPresent(y -> {
            row(f("bare send to %d socket(s), the yardstick", y.destinations()), f("%.3f µs (%s)", y.micros(), y.how()));
            y.oneDestination().ifPresent(one -> {
                row("bare send to 1 socket", f("%.3f µs", one));
                r.server().flatMap(u -> u.cpuMicrosPerPacket().isPresent() ? Optional.of(u.cpuMicrosPerPacket().getAsDouble())
                        : Optional.empty()).ifPresent(p -> row("  server per packet as a multiple of that", f("%.2f x", p / one)));
            });
        });
        usage("Generator (this process)", r.generator());
        if (!r.readPath().isEmpty()) {
            row("  UDP RTP reads", r.readPath());
        }
        if (r.generatorBusy()) {
            sb.append(f("WARNING: the generator used %.0f %% of a core (> %.0f %%): it competes with the server;"
                    + " the server's numbers are pessimistic.%n", r.generator().percentOfCore(), Report.GENERATOR_WARN_PERCENT));
        }
        r.machine().ifPresent(m -> {
            heading("Machine (every core, /proc/stat)");
            row("busy in window", f("%.2f s = %.1f %% of one core (interrupts and softirqs %.1f %%)", m.busySeconds(),
                    m.percentOfCore(), m.interruptPercentOfCore()));
            row("less the generator", f("%.2f s = %.1f %% of one core", m.lessGeneratorSeconds(),
                    m.windowSeconds() > 0 ? 100 * m.lessGeneratorSeconds() / m.windowSeconds() : 0));
            m.lessGeneratorMicrosPerPacket().ifPresent(u -> row("less the generator, per packet received", f("%.2f µs", u)));
        });
        r.drift().ifPresent(this::drift);
        r.publishing().ifPresent(this::publishing);
    }

    private void publishing(Report.Publishing p) {
        Publisher.Result r = p.publisher();
        heading("Publisher: " + r.url() + " over " + r.transport());
        row("pictures", f("%d x %dx%d at %.3f fps, %.0f bytes per JPEG on average", r.pictures(), r.width(), r.height(),
                r.fps(), r.averageJpegBytes()));
        row("frames / packets / bytes sent", r.frames() + " / " + r.packets() + " / " + r.bytes());
        row("frames sent over one frame period late", f("%d (latest %.2f ms)", r.lateFrames(), r.maxLateMs()));
        row("RTCP packets from the server", Long.toString(r.rtcpIn()));
        row("TEARDOWN reply", r.teardown());
        r.error().ifPresent(e -> row("error", e));
        heading("Publish-to-viewer latency (" + p.sampledSessions() + " sampled sessions, in the window)");
        millis("first packet sent to last packet read", p.latency());
        row("frames matched / unknown / stale / broken", p.matched() + " / " + p.unknown() + " / " + p.stale()
                + " / " + p.broken());
    }

    private void usage(String who, Report.Usage u) {
        heading(who);
        row("CPU in window", f("%.2f s = %.1f %% of one core", u.cpuSeconds(), u.percentOfCore()));
        row("CPU per packet received", u.cpuMicrosPerPacket().isPresent()
                ? f("%.2f µs", u.cpuMicrosPerPacket().getAsDouble()) : NA);
        row("CPU per frame delivered", u.cpuMicrosPerFrame().isPresent()
                ? f("%.2f µs", u.cpuMicrosPerFrame().getAsDouble()) : NA);
        u.timesBareSend().ifPresent(x -> row("  as a multiple of a bare send", f("%.2f x", x)));
        if (u.rssKb().isPresent() && u.rssBeforeKb().isPresent()) {
            row("resident memory (VmRSS) at end / before the ramp", opt(u.rssKb()) + " kB / " + opt(u.rssBeforeKb()) + " kB");
        } else if (u.rssKb().isPresent()) {
            row("resident memory (VmRSS) at end", opt(u.rssKb()) + " kB");
        }
        u.heapPerSessionBytes().ifPresent(h -> row("heap per session", f("%.1f KB", h / 1024)));
        for (String t : u.busiestThreads()) {
            row("  thread", t);
        }
    }

    private void drift(Report.Drift d) {
        heading("Schedule (" + d.sessions() + " sessions; offset of frame k = arrival - (anchor + k/fps))");
        row("|drift| over the window (its last frame's offset less", "");
        row("  the offset before it), max / median", f("%.2f / %.2f ms", d.maxAbsWindowDriftMs(), d.medianAbsWindowDriftMs()));
        row("sessions that drifted less than one frame over the window", Integer.toString(d.windowDriftWithinOneFrame()));
        row("anchored on the PLAY reply (frame k due at the reply + k/fps):", "");
        row("  |offset| of the window's last frame, max / median",
                f("%.2f / %.2f ms", d.maxAbsScheduleOffsetMs(), d.medianAbsScheduleOffsetMs()));
        row("  sessions whose last frame is within one frame of it", Integer.toString(d.scheduleWithinOneFrame()));
        row("anchored on the first frame's arrival:", "");
        row("  |offset| of the last frame, max / median", f("%.2f / %.2f ms", d.maxAbsOffsetAtEndMs(), d.medianAbsOffsetAtEndMs()));
        row("  |offset| of any frame, max", f("%.2f ms", d.maxAbsOffsetEverMs()));
        row("  sessions whose last frame is within one frame", Integer.toString(d.offsetWithinOneFrame()));
        row("  |drift| (offset from the first second's best), max / median",
                f("%.2f / %.2f ms", d.maxAbsDriftMs(), d.medianAbsDriftMs()));
        row("  sessions drifted less than one frame", Integer.toString(d.driftWithinOneFrame()));
        row("frames behind the wall clock, max", f("%.2f (session %d)", d.maxFramesBehind(), d.worstSession()));
    }

    private void distribution(String label, Report.Distribution d) {
        row(label, d.count() == 0 ? NA : f("min %.3f  p1 %.3f  median %.3f  max %.3f", d.min(), d.p1(), d.median(), d.max()));
    }

    private void millis(String label, Report.Millis m) {
        row(label + " p50 / p99 / max", m.count() == 0 ? NA
                : f("%.2f / %.2f / %.2f ms (%d)", m.p50(), m.p99(), m.max(), m.count()));
    }

    private void heading(String text) {
        sb.append('\n').append(text).append('\n');
    }

    private void row(String label, String value) {
        sb.append(f("  %-52s %s%n", label, value));
    }

    private static String opt(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : NA;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
