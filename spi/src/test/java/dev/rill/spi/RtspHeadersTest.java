package dev.rill.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtspHeadersTest {

    @Test
    void findsFieldsWithoutRegardToCase() {
        RtspHeaders headers = RtspHeaders.of("cseq", "1", "SESSION", "42;timeout=60");
        assertEquals(Optional.of("1"), headers.first(RtspHeaders.CSEQ));
        assertTrue(headers.contains("Session"));
        assertFalse(headers.contains("Transport"));
    }

    @Test
    void keepsRepeatedFieldsInOrder() {
        RtspHeaders headers = RtspHeaders.of("Public", "OPTIONS", "X", "1", "public", "PLAY");
        assertEquals(List.of("OPTIONS", "PLAY"), headers.all("Public"));
    }

    @Test
    void replaceAndWithoutReturnNewValues() {
        RtspHeaders headers = RtspHeaders.of("CSeq", "1", "Session", "a", "session", "b");
        assertEquals(RtspHeaders.of("CSeq", "1", "Session", "c"), headers.replace("SESSION", "c"));
        assertEquals(RtspHeaders.of("CSeq", "1"), headers.without("session"));
        assertEquals(3, headers.size());
    }

    @Test
    void equalityIgnoresTheCaseOfNamesButNotOfValues() {
        assertEquals(RtspHeaders.of("CSeq", "1"), RtspHeaders.of("CSEQ", "1"));
        assertEquals(RtspHeaders.of("CSeq", "1").hashCode(), RtspHeaders.of("cseq", "1").hashCode());
        assertNotEquals(RtspHeaders.of("X", "a"), RtspHeaders.of("X", "A"));
    }

    @Test
    void rejectsFieldsThatCouldNotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> RtspHeaders.of("X", "a\r\nInjected: 1"));
        assertThrows(IllegalArgumentException.class, () -> RtspHeaders.of("Bad Name", "1"));
        assertThrows(IllegalArgumentException.class, () -> RtspHeaders.of("Name:", "1"));
        assertThrows(IllegalArgumentException.class, () -> RtspHeaders.of("X".repeat(257), "1"));
        assertThrows(IllegalArgumentException.class, () -> RtspHeaders.of("odd"));
    }
}
