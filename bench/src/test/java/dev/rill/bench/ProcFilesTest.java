package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcFilesTest {

    /** A stat line whose command name holds a space and a parenthesis. */
    private static final String STAT = "12345 (java (rill) x) S 1 12345 12345 0 -1 4194560 60412 0 12 0 "
            + "1520 377 0 0 20 0 41 0 2874 5367533568 51234 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 "
            + "0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void statGivesUtimeAndStimeCountedFromTheLastParenthesis() {
        ProcFiles.CpuTicks ticks = ProcFiles.parseStat(STAT);
        assertEquals(1520, ticks.user());
        assertEquals(377, ticks.system());
        assertEquals(1897, ticks.total());
        assertEquals("java (rill) x", ProcFiles.parseStatName(STAT));
    }

    @Test
    void statDifferenceIsPerField() {
        ProcFiles.CpuTicks later = new ProcFiles.CpuTicks(1600, 400);
        assertEquals(new ProcFiles.CpuTicks(80, 23), later.minus(ProcFiles.parseStat(STAT)));
    }

    @Test
    void theMachineIsBusyInUserNiceSystemIrqAndSoftirqNotIdleIowaitOrSteal() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        String stat = "cpu  51334 7 53518 115762 702 11 25056 99 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1 2 3\n";
        ProcFiles.MachineTicks m = ProcFiles.parseMachine(stat);
        assertEquals(51334 + 7 + 53518 + 11 + 25056, m.busy());
        assertEquals(11 + 25056, m.interrupts());
        assertEquals(new ProcFiles.MachineTicks(10, 4), new ProcFiles.MachineTicks(m.busy() + 10, m.interrupts() + 4).minus(m));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.parseMachine("cpu0 1 2 3 4 5 6 7\n"));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.parseMachine("cpu 1 2 3\n"));
    }

    @Test
    void aTruncatedStatLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.parseStat("12 (x) S 1 2 3"));
    }

    @Test
    void statusGivesVmRssInKib() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  210000 kB\nVmRSS:\t  204800 kB\nThreads:\t41\n";
        assertEquals(OptionalLong.of(204_800), ProcFiles.parseStatusKb(status, "VmRSS"));
        assertEquals(OptionalLong.of(210_000), ProcFiles.parseStatusKb(status, "VmHWM"));
        assertEquals(OptionalLong.empty(), ProcFiles.parseStatusKb(status, "VmSwap"));
    }

    @Test
    void snmpGivesTheUdpCountersByName() {
        String snmp = """
                Ip: Forwarding DefaultTTL InReceives
                Ip: 1 64 12345
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                Udp: 987654 12 34 876543 30 0 0 0 0
                UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                UdpLite: 0 0 0 0 0 0 0 0 0
                """;
        ProcFiles.UdpCounters c = ProcFiles.parseSnmpUdp(snmp);
        assertEquals(new ProcFiles.UdpCounters(987_654, 34, 30), c);
        assertEquals(new ProcFiles.UdpCounters(6, 4, 5), c.minus(new ProcFiles.UdpCounters(987_648, 30, 25)));
    }

    @Test
    void netUdpDropsAreSummedOverOurPortsOnly() {
        String udp = """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  101: 0100007F:9C40 0100007F:8A1E 01 00000000:00000000 00:00000000 00000000     0        0 51234 2 0000000000000000 7
                  102: 0100007F:9C41 0100007F:8A1F 01 00000000:00000000 00:00000000 00000000     0        0 51235 2 0000000000000000 100
                  103: 0100007F:9C42 0100007F:8A1E 01 00000000:00000000 00:00000000 00000000     0        0 51236 2 0000000000000000 5
                  104: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1234 2 0000000000000000 999
                """;
        // 0x9C40 = 40000, 0x9C42 = 40002: RTP ports; 40001 is an RTCP port, 53 someone else's.
        assertEquals(12, ProcFiles.parseUdpDrops(udp, Set.of(40_000, 40_002)));
    }

    @Test
    void limitsGiveTheSoftLimitOfOpenFiles() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            20000                1048576              files
                Max locked memory         8388608              8388608              bytes
                """;
        assertEquals(OptionalLong.of(20_000), ProcFiles.parseMaxOpenFiles(limits));
        assertEquals(OptionalLong.empty(), ProcFiles.parseMaxOpenFiles(
                "Max open files            unlimited            unlimited            files\n"));
    }
}
