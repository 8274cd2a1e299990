package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rill.wire.RtcpPacket;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceptionStatsTest {

    private static final int CLOCK = 90_000;

    @Test
    void countsLostPacketsFromSequenceGaps() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        Set<Integer> dropped = Set.of(110, 150, 151);
        for (int seq = 100; seq < 200; seq++) {
            if (!dropped.contains(seq)) {
                stats.packet(seq, seq * 3000L, seq * 3000L, 100);
            }
        }
        ReceptionStats.Figures f = stats.figures();
        assertEquals(97, f.received());
        assertEquals(100, f.expected());
        assertEquals(3, f.lost());
        assertEquals(0.03, f.lossRate(), 1e-9);
        assertEquals(9700, f.bytes());
    }

    @Test
    void extendsTheSequenceNumberAcrossItsWrap() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        for (int i = 0; i < 16; i++) {
            stats.packet((65_530 + i) & 0xFFFF, i * 3000L, i * 3000L, 100);
        }
        ReceptionStats.Figures f = stats.figures();
        assertEquals(65_536 + 9, f.extendedHighestSequence());
        assertEquals(16, f.expected());
        assertEquals(0, f.lost());
    }

    @Test
    void fractionLostCoversOnlyTheIntervalSinceTheLastReport() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        for (int seq = 0; seq < 100; seq++) {
            if (seq % 10 != 5) { // 10 of 100 lost
                stats.packet(seq, seq * 3000L, seq * 3000L, 100);
            }
        }
        RtcpPacket.ReportBlock first = stats.reportBlock(7, OptionalLong.empty(), 0);
        assertEquals(10 * 256 / 100, first.fractionLost());
        assertEquals(10, first.cumulativeLost());
        for (int seq = 100; seq < 200; seq++) {
            stats.packet(seq, seq * 3000L, seq * 3000L, 100);
        }
        RtcpPacket.ReportBlock second = stats.reportBlock(7, OptionalLong.empty(), 0);
        assertEquals(0, second.fractionLost());
        assertEquals(10, second.cumulativeLost());
        assertEquals(199, second.extendedHighestSequence());
        assertEquals(7, second.ssrc());
    }

    @Test
    void jitterIsZeroWhenTransitTimeIsConstant() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        for (int i = 0; i < 50; i++) {
            stats.packet(i, 1_000_000L + i * 3000L, 5_000 + i * 3000L, 100);
        }
        assertEquals(0.0, stats.figures().jitterUnits());
    }

    @Test
    void jitterMovesBySixteenthOfTheTransitDifferenceAsRfc3550A8() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        stats.packet(0, 0, 0, 100);
        stats.packet(1, 3000, 3000 + 900, 100); // |D| = 900 units = 10 ms
        assertEquals(900 / 16.0, stats.figures().jitterUnits(), 1e-9);
        assertEquals(900 / 16.0 / 90.0, stats.figures().jitterMillis(), 1e-9);
        stats.packet(2, 6000, 6000 + 900, 100); // same transit again: D = 0
        assertEquals(900 / 16.0 * 15 / 16, stats.figures().jitterUnits(), 1e-9);
    }

    @Test
    void jitterIgnoresTheTimestampWrap() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        long ts = 0xFFFFFFFFL - 4000;
        for (int i = 0; i < 5; i++) {
            stats.packet(i, (ts + i * 3000L) & 0xFFFFFFFFL, i * 3000L, 100);
        }
        assertEquals(0.0, stats.figures().jitterUnits());
    }

    @Test
    void aJumpOfTheSequenceCountsOnlyOnceConfirmedAndRestartsTheCount() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        for (int seq = 1; seq <= 10; seq++) {
            stats.packet(seq, seq, seq, 100);
        }
        assertFalse(stats.packet(30_000, 11, 11, 100));
        assertEquals(10, stats.figures().expected());
        stats.packet(30_001, 12, 12, 100);
        assertEquals(1, stats.figures().expected());
        assertEquals(0, stats.figures().lost());
    }

    @Test
    void reportBlockEchoesTheLastSenderReport() {
        ReceptionStats stats = new ReceptionStats(CLOCK);
        stats.packet(1, 0, 0, 100);
        RtcpPacket.ReportBlock block = stats.reportBlock(1, OptionalLong.of(0x12345678L), 65_536);
        assertEquals(0x12345678L, block.lastSenderReport());
        assertEquals(65_536, block.delaySinceLastSenderReport());
        RtcpPacket.ReportBlock none = stats.reportBlock(1, OptionalLong.empty(), 65_536);
        assertEquals(0, none.lastSenderReport());
        assertEquals(0, none.delaySinceLastSenderReport());
    }
}
