package dev.rill.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The sums and spreads over every session's {@link StreamStats} once reception has stopped.
 *
 * @param fps              frames/s of every session: frames whose last packet arrived in the
 *                         window, divided by the window's length (a stalled session shows)
 * @param fpsWhileReceiving frames/s of each session with two frames or more, first to last frame
 * @param stalled          sessions without a frame in the last {@link #STALL_NANOS} of the window
 * @param windowFrames     frames all sessions received in the window
 * @param packets          packets received in the window
 * @param lost             packets lost in the window
 * @param lostToEnd        packets lost from PLAY to the end of the window
 * @param late             late (reordered or duplicate) packets over the run
 * @param rtcp             RTCP packets received
 */
record Tally(double[] fps, double[] fpsWhileReceiving, int stalled, long windowFrames, long packets, long lost,
             long lostToEnd, long late, long rtcp, int closedByServer) {

    /** A session with no frame for this long before the window's end has stalled. */
    static final long STALL_NANOS = 1_000_000_000L;

    /**
     * @param windowSeconds the window's length
     * @param windowEnd     {@code System.nanoTime()} at its end
     */
    static Tally of(List<LoadSession> sessions, double windowSeconds, long windowEnd) {
        double[] fps = new double[sessions.size()];
        double[] whileReceiving = new double[sessions.size()];
        int n = 0;
        int stalled = 0;
        long frames = 0;
        long packets = 0;
        long lost = 0;
        long lostToEnd = 0;
        long late = 0;
        long rtcp = 0;
        int closed = 0;
        for (int i = 0; i < sessions.size(); i++) {
            LoadSession s = sessions.get(i);
            StreamStats st = s.stats();
            st.closeWindow();
            fps[i] = windowSeconds > 0 ? st.windowFrames() / windowSeconds : 0;
            if (st.windowFrames() >= 2) {
                whileReceiving[n++] = st.windowFpsWhileReceiving();
            }
            if (st.windowFrames() == 0 || windowEnd - st.windowLastMarkerNanos() > STALL_NANOS) {
                stalled++;
            }
            frames += st.windowFrames();
            packets += st.windowReceived();
            lost += st.windowLost();
            lostToEnd += st.lostUntilWindowEnd();
            late += st.late();
            rtcp += s.rtcpPackets();
            closed += s.wasClosedByServer() ? 1 : 0;
        }
        return new Tally(fps, Arrays.copyOf(whileReceiving, n), stalled, frames, packets, lost, lostToEnd, late, rtcp,
                closed);
    }

    /** Schedule drift over {@code sessions} judged against {@code expectedFps} (see {@link Report.Drift}). */
    static Report.Drift drift(List<LoadSession> sessions, double expectedFps) {
        double period = 1e9 / expectedFps;
        double[] offsets = new double[sessions.size()];
        double[] drifts = new double[sessions.size()];
        double[] fromPlay = new double[sessions.size()];
        double[] overWindow = new double[sessions.size()];
        int overWindowCount = 0;
        int overWindowWithin = 0;
        int fromPlayCount = 0;
        int fromPlayWithin = 0;
        double maxEver = 0;
        double maxBehind = 0;
        int worst = -1;
        int offsetWithin = 0;
        int driftWithin = 0;
        int n = 0;
        for (LoadSession s : sessions) {
            StreamStats st = s.stats();
            if (st.frames() < 2) {
                continue;
            }
            if (st.windowDriftNanos().isPresent()) {
                double drifted = Math.abs(st.windowDriftNanos().getAsLong());
                overWindow[overWindowCount++] = drifted / 1e6;
                overWindowWithin += drifted <= period ? 1 : 0;
            }
            if (s.playAnswered() != 0) {
                // The schedule starts with the PLAY reply: frame k is due k frame periods later.
                // A busy handshake thread may read the reply after the first frame came: then
                // the first frame's arrival is the better estimate of the reply's.
                long start = Math.min(s.playAnswered(), st.firstMarkerNanos());
                double late = Math.abs(st.endOffsetNanos() + st.firstMarkerNanos() - start);
                fromPlay[fromPlayCount++] = late / 1e6;
                fromPlayWithin += late <= period ? 1 : 0;
            }
            double offset = Math.abs(st.endOffsetNanos());
            double drift = Math.abs(st.driftNanos());
            offsets[n] = offset / 1e6;
            drifts[n] = drift / 1e6;
            n++;
            maxEver = Math.max(maxEver, st.maxAbsOffsetNanos() / 1e6);
            offsetWithin += offset <= period ? 1 : 0;
            driftWithin += drift <= period ? 1 : 0;
            double behind = st.playedNanos() / period - (st.frames() - 1);
            if (worst < 0 || behind > maxBehind) {
                maxBehind = behind;
                worst = s.index();
            }
        }
        Report.Distribution o = Report.Distribution.of(Arrays.copyOf(offsets, n));
        Report.Distribution d = Report.Distribution.of(Arrays.copyOf(drifts, n));
        Report.Distribution p = Report.Distribution.of(Arrays.copyOf(fromPlay, fromPlayCount));
        Report.Distribution wd = Report.Distribution.of(Arrays.copyOf(overWindow, overWindowCount));
        return new Report.Drift(n, wd.max(), wd.median(), overWindowWithin, p.max(), p.median(), fromPlayWithin, o.max(), o.median(), maxEver, offsetWithin,
                d.max(), d.median(), driftWithin, maxBehind, worst);
    }

    /** The publisher's result with the latency counts summed over the sampled sessions. */
    static Report.Publishing publishing(Publisher.Result p, List<LoadSession> established, LatencyHistogram latencies) {
        long matched = 0;
        long unknown = 0;
        long stale = 0;
        long broken = 0;
        int sampled = 0;
        for (LoadSession s : established) {
            if (s.latency().isPresent()) {
                FrameLatency l = s.latency().get();
                sampled++;
                matched += l.matched();
                unknown += l.unknown();
                stale += l.stale();
                broken += l.broken();
            }
        }
        return new Report.Publishing(p, sampled, Report.Millis.of(latencies), matched, unknown, stale, broken);
    }
}
