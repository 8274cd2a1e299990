package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesHelpTypeAndSamples() {
        String text = new PrometheusText()
                .family("x_total", PrometheusText.Type.COUNTER, "Things.\nMore \\ things.")
                .sample(PrometheusText.labels("a", "1", "b", "2"), 3L)
                .family("y", PrometheusText.Type.GAUGE, "Level.").sample(0.5)
                .text();
        assertEquals("""
                # HELP x_total Things.\\nMore \\\\ things.
                # TYPE x_total counter
                x_total{a="1",b="2"} 3
                # HELP y Level.
                # TYPE y gauge
                y 0.5
                """, text);
    }

    @Test
    void escapesLabelValues() {
        String text = new PrometheusText().family("g", PrometheusText.Type.GAUGE, "G.")
                .sample(PrometheusText.labels("mount", "/a\"b\\c\nd"), 1L).text();
        assertTrue(text.endsWith("g{mount=\"/a\\\"b\\\\c\\nd\"} 1\n"), text);
        PrometheusParser.Exposition parsed = PrometheusParser.parse(text);
        assertEquals(Map.of("mount", "/a\"b\\c\nd"), parsed.samples().getFirst().labels());
    }

    @Test
    void spellsSpecialNumbersAsTheFormatDoes() {
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals("42", PrometheusText.number(42.0));
        assertEquals("0.003", PrometheusText.number(0.003));
    }

    @Test
    void aCounterNameMustEndInTotal() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusText().family("rill_packets", PrometheusText.Type.COUNTER, "x"));
    }

    @Test
    void refusesBadMetricAndLabelNames() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusText().family("9lives", PrometheusText.Type.GAUGE, "x"));
        assertThrows(IllegalArgumentException.class, () -> new PrometheusText()
                .family("g", PrometheusText.Type.GAUGE, "x").sample(PrometheusText.labels("bad-name", "v"), 1L));
        assertThrows(IllegalArgumentException.class, () -> new PrometheusText()
                .family("g", PrometheusText.Type.GAUGE, "x").sample(PrometheusText.labels("__reserved", "v"), 1L));
    }
}
