package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void theMachineLessTheGeneratorIsWhatTheServerAndTheKernelCost() {
        // 40 s window: every core busy 30 s, 6 of them interrupts and softirqs; the generator 10 s.
        Report.Machine m = new Report.Machine(30, 6, 40, 10, 4_000_000);
        assertEquals(75, m.percentOfCore(), 1e-9);
        assertEquals(15, m.interruptPercentOfCore(), 1e-9);
        assertEquals(20, m.lessGeneratorSeconds(), 1e-9);
        assertEquals(5, m.lessGeneratorMicrosPerPacket().getAsDouble(), 1e-9);
        assertEquals(0, new Report.Machine(5, 0, 40, 10, 1).lessGeneratorSeconds(), 1e-9); // never below 0
        assertTrue(new Report.Machine(1, 0, 40, 0, 0).lessGeneratorMicrosPerPacket().isEmpty());
    }

    @Test
    void distributionUsesNearestRank() {
        double[] fps = new double[200];
        for (int i = 0; i < fps.length; i++) {
            fps[i] = 19.0 + i * 0.01; // 19.00 .. 20.99
        }
        Report.Distribution d = Report.Distribution.of(fps);
        assertEquals(200, d.count());
        assertEquals(19.00, d.min(), 1e-9);
        assertEquals(19.01, d.p1(), 1e-9);     // rank ceil(0.01 * 200) = 2
        assertEquals(19.99, d.median(), 1e-9); // rank 100
        assertEquals(20.99, d.max(), 1e-9);
        assertEquals(new Report.Distribution(0, 0, 0, 0, 0), Report.Distribution.of(new double[0]));
    }

    @Test
    void cpuTicksBecomeSecondsAndAShareOfOneCore() {
        assertEquals(2.5, Report.cpuSeconds(250, 100), 1e-12);
        assertEquals(25.0, Report.percentOfCore(2.5, 10), 1e-12);
        assertEquals(150.0, Report.percentOfCore(15, 10), 1e-12); // two cores busy and a half
        assertEquals(0.0, Report.percentOfCore(1, 0), 1e-12);
    }

    @Test
    void cpuPerPacketIsCpuTimeOverPacketsInMicroseconds() {
        // 3,000 sessions x 20 fps x 5 packets for 10 s, at 3 s of CPU: 1 µs per packet.
        assertEquals(1.0, Report.microsPerPacket(3.0, 3_000L * 20 * 5 * 10).getAsDouble(), 1e-12);
        assertEquals(OptionalDouble.empty(), Report.microsPerPacket(3.0, 0));
    }

    @Test
    void sessionsOnRateAreThoseWithinOnePercent() {
        double[] fps = {20.0, 19.8, 20.2, 19.79, 20.21, 0};
        assertEquals(3, Report.withinTolerance(fps, 20, Report.FPS_TOLERANCE));
    }

    @Test
    void heapPerSessionIsTheGrowthOverTheSessions() {
        assertEquals(32 * 1024.0, Report.heapPerSession(50_000, 50_000 + 3_000 * 32, 3_000).getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.empty(), Report.heapPerSession(1, 2, 0));
    }

    @Test
    void processUsageDividesTheCpuOfTheWindow() {
        ProcessSample start = new ProcessSample("1", 0, Optional.of(new ProcFiles.CpuTicks(100, 50)), OptionalLong.empty(),
                List.of(new ProcFiles.ThreadCpu("7", "rill-sender", new ProcFiles.CpuTicks(10, 10))));
        ProcessSample end = new ProcessSample("1", 10_000_000_000L, Optional.of(new ProcFiles.CpuTicks(400, 250)),
                OptionalLong.of(300_000), List.of(
                new ProcFiles.ThreadCpu("7", "rill-sender", new ProcFiles.CpuTicks(210, 110)),
                new ProcFiles.ThreadCpu("8", "idle", new ProcFiles.CpuTicks(0, 0))));
        Report.Usage u = end.since(start, 100, 1_000_000, 50_000, OptionalLong.of(200_000), OptionalDouble.of(2.0),
                OptionalDouble.empty());
        assertEquals(5.0, u.cpuSeconds(), 1e-12);
        assertEquals(50.0, u.percentOfCore(), 1e-12);
        assertEquals(5.0, u.cpuMicrosPerPacket().getAsDouble(), 1e-12);
        assertEquals(100.0, u.cpuMicrosPerFrame().getAsDouble(), 1e-12);
        assertEquals(2.5, u.timesBareSend().getAsDouble(), 1e-12);
        assertEquals(List.of("rill-sender (7): 3.00 s"), u.busiestThreads());
    }

    @Test
    void heapGaugeReadsTheLiveTotalOfAClassHistogram() {
        String histogram = """
                3864:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         32896       13874808  [B (java.base@25.0.3)
                   2:          1213         912328  jdk.internal.vm.StackChunk (java.base@25.0.3)
                Total        166119       22832904
                """;
        assertEquals(OptionalLong.of(22_297), HeapGauge.parseHistogramTotalKb(histogram));
        assertEquals(OptionalLong.empty(), HeapGauge.parseHistogramTotalKb("Could not attach"));
    }

    @Test
    void jsonWritesNestedValuesAndNullForMissingOnes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline");
        m.put("count", 3);
        m.put("rate", 19.98765432);
        m.put("whole", 20.0);
        m.put("missing", OptionalLong.empty());
        m.put("present", OptionalDouble.of(0.5));
        m.put("list", List.of(1, 2));
        m.put("nested", Map.of());
        String json = Json.write(m);
        assertEquals("""
                {
                  "name": "a \\"quoted\\"\\nline",
                  "count": 3,
                  "rate": 19.9877,
                  "whole": 20,
                  "missing": null,
                  "present": 0.5,
                  "list": [
                    1,
                    2
                  ],
                  "nested": {}
                }
                """, json);
    }

    @Test
    void aSessionThatStopsHalfwayIsOffRateAndStalled() {
        long ms = 1_000_000;
        StreamStats.Window w = StreamStats.Window.notYet(20, 90_000).opened(0, 10_000 * ms);
        StreamStats.Intervals h = new StreamStats.Intervals();
        LoadSession steady = new LoadSession(0);
        LoadSession stops = new LoadSession(1);
        for (int k = 0; k < 200; k++) {
            steady.stats().onPacket(k, true, k * 4_500, k * 50 * ms + 25 * ms, w, h);
            if (k < 100) {
                stops.stats().onPacket(k, true, k * 4_500, k * 50 * ms + 25 * ms, w, h);
            }
        }
        Tally t = Tally.of(List.of(steady, stops), 10, 10_000 * ms);
        assertEquals(20.0, t.fps()[0], 1e-9);
        assertEquals(10.0, t.fps()[1], 1e-9);
        assertEquals(1, Report.withinTolerance(t.fps(), 20, Report.FPS_TOLERANCE));
        assertEquals(20.0, t.fpsWhileReceiving()[1], 1e-9); // blind to the stop
        assertEquals(1, t.stalled());
        assertEquals(300, t.windowFrames());
    }

    @Test
    void driftCountsSessionsWithinOneFrame() {
        StreamStats.Window w = StreamStats.Window.notYet(20, 90_000);
        StreamStats.Intervals h = new StreamStats.Intervals();
        LoadSession onTime = new LoadSession(0);
        LoadSession behind = new LoadSession(1);
        long ms = 1_000_000;
        onTime.playAnswered(-10 * ms); // its first frame came 10 ms after the PLAY reply
        behind.playAnswered(-60 * ms); // 60 ms, more than a frame
        for (int k = 0; k < 100; k++) {
            onTime.stats().onPacket(k, true, k * 4_500, k * 50 * ms, w, h);
            // falls behind by 1 ms per frame: 99 ms (about two frames) at the end
            behind.stats().onPacket(k, true, k * 4_500, k * 51 * ms, w, h);
        }
        Report.Drift d = Tally.drift(List.of(onTime, behind), 20);
        assertEquals(2, d.sessions());
        assertEquals(99.0, d.maxAbsOffsetAtEndMs(), 1e-9);
        assertEquals(159.0, d.maxAbsScheduleOffsetMs(), 1e-9); // 60 ms late at the start, 99 ms more by the end
        assertEquals(1, d.scheduleWithinOneFrame());
        assertEquals(0, d.windowDriftWithinOneFrame()); // the window never opened here
        assertEquals(1, d.offsetWithinOneFrame());
        assertEquals(1, d.driftWithinOneFrame());
        assertEquals(1, d.worstSession());
        assertTrue(d.maxFramesBehind() > 1.9 && d.maxFramesBehind() < 2.0, "behind " + d.maxFramesBehind());
    }

    @Test
    void aPlayReplyReadAfterTheFirstFrameDoesNotMoveTheSchedule() {
        StreamStats.Window w = StreamStats.Window.notYet(20, 90_000);
        StreamStats.Intervals h = new StreamStats.Intervals();
        LoadSession slowReader = new LoadSession(0);
        long ms = 1_000_000;
        slowReader.playAnswered(120 * ms); // its handshake thread got to the reply late
        for (int k = 0; k < 100; k++) {
            slowReader.stats().onPacket(k, true, k * 4_500, k * 50 * ms, w, h);
        }
        Report.Drift d = Tally.drift(List.of(slowReader), 20);
        assertEquals(0.0, d.maxAbsScheduleOffsetMs(), 1e-9);
        assertEquals(1, d.scheduleWithinOneFrame());
    }
}
