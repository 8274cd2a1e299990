package dev.rill.plugin.sdp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

    private static boolean allowsSdp(String... fields) {
        return AcceptHeader.allows(List.of(fields), "application", "sdp");
    }

    /** Found by AcceptHeaderFuzzTest: "Accept: ;" threw ArrayIndexOutOfBoundsException (a 500 for DESCRIBE). */
    @Test
    void aSemicolonAloneIsARangeThatMatchesNothing() {
        assertFalse(allowsSdp(";"));
        assertFalse(allowsSdp(" ; ,;;"));
        assertTrue(allowsSdp(";", "application/sdp"));
    }

    @Test
    void noFieldAllowsEverything() {
        assertTrue(allowsSdp());
        assertTrue(allowsSdp(""));
    }

    @Test
    void matchingRangesAllowInAnyCase() {
        assertTrue(allowsSdp("application/sdp"));
        assertTrue(allowsSdp("Application/SDP"));
        assertTrue(allowsSdp("application/*"));
        assertTrue(allowsSdp("*/*"));
        assertTrue(allowsSdp("text/html, application/sdp;q=0.5"));
    }

    @Test
    void onlyOtherTypesRefuse() {
        assertFalse(allowsSdp("text/parameters"));
        assertFalse(allowsSdp("application/rtsl, text/*"));
    }

    @Test
    void zeroQualityRefuses() {
        assertFalse(allowsSdp("application/sdp;q=0"));
        assertFalse(allowsSdp("application/sdp; q=0.000, */*"));
    }

    @Test
    void mostSpecificRangeDecides() {
        assertTrue(allowsSdp("*/*;q=0, application/sdp"));
        assertFalse(allowsSdp("application/*;q=0", "*/*"));
    }

    @Test
    void everyAcceptFieldCounts() {
        assertTrue(allowsSdp("text/html", "application/sdp"));
    }

    @Test
    void malformedQualityCountsAsOne() {
        assertTrue(allowsSdp("application/sdp;q=zero"));
    }
}
