package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NaturalNameOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(NaturalNameOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersCompareByValue() {
        assertEquals(List.of("frame2.jpg", "frame10.jpg", "frame100.jpg"), sorted("frame100.jpg", "frame10.jpg", "frame2.jpg"));
    }

    @Test
    void zeroPaddedNumbersSortLikeTheirValues() {
        assertEquals(List.of("f001.jpg", "f2.jpg", "f010.jpg"), sorted("f010.jpg", "f2.jpg", "f001.jpg"));
    }

    @Test
    void digitRunsLongerThanALongStillCompareByValue() {
        assertEquals(List.of("x99999999999999999999999.jpg", "x100000000000000000000000.jpg"),
                sorted("x100000000000000000000000.jpg", "x99999999999999999999999.jpg"));
    }

    @Test
    void textIgnoresCaseAndTiesFallBackToPlainOrder() {
        assertEquals(List.of("B.jpg", "b.jpg", "c.jpg", "f01.jpg", "f1.jpg"),
                sorted("f1.jpg", "c.jpg", "b.jpg", "f01.jpg", "B.jpg"));
        assertTrue(NaturalNameOrder.INSTANCE.compare("a", "a") == 0);
    }

    @Test
    void prefixSortsFirst() {
        assertEquals(List.of("frame", "frame1", "frame1a"), sorted("frame1a", "frame", "frame1"));
    }
}
