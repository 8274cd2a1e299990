package dev.rill.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The sums and spreads over every session's {@link StreamStats} once reception has stopped.
 *
 * @param fps          frames/s of each session that got at least two frames in the window
 * @param windowFrames frames all sessions received in the window
 * @param packets      packets received in the window
 * @param lost         packets lost in the window
 * @param lostToEnd    packets lost from PLAY to the end of the window
 * @param late         late (reordered or duplicate) packets over the run
 * @param rtcp         RTCP packets received
 */
record Tally(double[] fps, long windowFrames, long packets, long lost, long lostToEnd, long late, long rtcp,
             int closedByServer) {

    static Tally of(List<LoadSession> sessions) {
        double[] fps = new double[sessions.size()];
        int n = 0;
        long frames = 0;
        long packets = 0;
        long lost = 0;
        long lostToEnd = 0;
        long late = 0;
        long rtcp = 0;
        int closed = 0;
        for (LoadSession s : sessions) {
            StreamStats st = s.stats();
            st.closeWindow();
            if (st.windowFrames() >= 2) {
                fps[n++] = st.windowFps();
            }
            frames += st.windowFrames();
            packets += st.windowReceived();
            lost += st.windowLost();
            lostToEnd += st.lostUntilWindowEnd();
            late += st.late();
            rtcp += s.rtcpPackets();
            closed += s.wasClosedByServer() ? 1 : 0;
        }
        return new Tally(Arrays.copyOf(fps, n), frames, packets, lost, lostToEnd, late, rtcp, closed);
    }

    /**
     * Schedule drift over {@code sessions} judged against {@code expectedFps}: offsets of each
     * session's last frame and of any frame, and frames behind the wall clock
     * (time played × fps − frames received + 1).
     */
    static Report.Drift drift(List<LoadSession> sessions, double expectedFps) {
        double period = 1e9 / expectedFps;
        double[] atEnd = new double[sessions.size()];
        double maxEver = 0;
        double maxBehind = Double.NEGATIVE_INFINITY;
        int worst = -1;
        int within = 0;
        int n = 0;
        for (LoadSession s : sessions) {
            StreamStats st = s.stats();
            if (st.frames() < 2) {
                continue;
            }
            double offset = Math.abs(st.lastOffsetNanos());
            atEnd[n++] = offset / 1e6;
            maxEver = Math.max(maxEver, st.maxAbsOffsetNanos() / 1e6);
            if (offset <= period) {
                within++;
            }
            double behind = st.playedNanos() / period - (st.frames() - 1);
            if (behind > maxBehind) {
                maxBehind = behind;
                worst = s.index();
            }
        }
        Report.Distribution d = Report.Distribution.of(Arrays.copyOf(atEnd, n));
        return new Report.Drift(n, d.max(), d.median(), maxEver, within, n == 0 ? 0 : maxBehind, worst);
    }
}
