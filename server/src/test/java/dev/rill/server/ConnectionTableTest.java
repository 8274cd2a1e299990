package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who gets a place among the connections: per-address and total limits, and the eviction of unused ones. */
class ConnectionTableTest {

    static final InetAddress FLOOD = address(2);
    static final InetAddress VIEWER = address(1);
    final ConnectionTable<String> table = new ConnectionTable<>(4, 3);

    static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static ConnectionTable.Admission<String> admitted() {
        return new ConnectionTable.Admitted<>(Optional.empty());
    }

    @Test
    void oneAddressPastItsLimitIsRefusedAndOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            assertEquals(admitted(), table.admit("flood" + i, FLOOD));
        }
        assertEquals(new ConnectionTable.Refused<String>(ConnectionTable.Refusal.ADDRESS_FULL), table.admit("flood3", FLOOD));
        assertEquals(admitted(), table.admit("viewer", VIEWER));
        assertEquals(3, table.size(FLOOD));
        assertEquals(4, table.size());
    }

    @Test
    void aFullServerGivesTheOldestUnusedPlaceToANewcomer() {
        table.admit("a", address(2));
        table.admit("b", address(3));
        table.admit("c", address(4));
        table.admit("d", address(5));
        table.used("a");
        assertEquals(new ConnectionTable.Admitted<>(Optional.of("b")), table.admit("viewer", VIEWER));
        assertEquals(4, table.size());
        assertEquals(0, table.size(address(3)));
        assertFalse(table.remove("b"), "the evicted one is gone already; its own close changes nothing");
        assertEquals(4, table.size());
    }

    @Test
    void aFullServerWhoseConnectionsAllSentARequestRefuses() {
        for (int i = 0; i < 4; i++) {
            table.admit("c" + i, address(10 + i));
            table.used("c" + i);
        }
        assertEquals(new ConnectionTable.Refused<String>(ConnectionTable.Refusal.SERVER_FULL), table.admit("late", VIEWER));
        assertTrue(table.remove("c0"));
        assertInstanceOf(ConnectionTable.Admitted.class, table.admit("late", VIEWER));
    }

    @Test
    void closedConnectionsLeaveNothingBehind() {
        for (int round = 0; round < 1000; round++) {
            table.admit("x" + round, address(round % 250));
            table.used("x" + round);
            assertTrue(table.remove("x" + round));
        }
        assertEquals(0, table.size());
        assertEquals(0, table.unusedCount());
        assertEquals(0, table.size(address(7)));
    }
}
