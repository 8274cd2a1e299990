package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StatsConfigTest {

    @Test
    void missingKeysTakeTheirDefaults() {
        StatsConfig config = StatsConfig.defaults();
        assertEquals(10, config.logEverySeconds());
        assertEquals("127.0.0.1", config.httpHost(), "loopback unless the config says otherwise");
        assertFalse(config.httpEnabled(), "the server's HTTP listener serves the statistics; no listener of its own");
    }

    @Test
    void theDeprecatedKeysStillStartAListenerOfItsOwn() {
        StatsConfig hostOnly = new StatsConfig(null, "127.0.0.1", null);
        assertEquals(8080, hostOnly.httpPort(), "the old default port with the old key");
        assertTrue(hostOnly.httpEnabled());
        assertTrue(new StatsConfig(null, null, 0).httpEnabled());
    }

    @Test
    void portMinusOneTurnsHttpOff() {
        assertFalse(new StatsConfig(null, null, -1).httpEnabled());
        assertTrue(new StatsConfig(null, null, 0).httpEnabled());
    }

    @Test
    void rejectsANegativeOrHugeLogPeriod() {
        assertRejected("logEverySeconds", () -> new StatsConfig(-1, null, null));
        assertRejected("logEverySeconds", () -> new StatsConfig(86_401, null, null));
    }

    @Test
    void rejectsABlankOrMalformedHost() {
        assertRejected("httpHost", () -> new StatsConfig(null, " ", null));
        assertRejected("httpHost", () -> new StatsConfig(null, "http://localhost", null));
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertRejected("httpPort", () -> new StatsConfig(null, null, -2));
        assertRejected("httpPort", () -> new StatsConfig(null, null, 65_536));
    }

    private static void assertRejected(String key, Executable creation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
