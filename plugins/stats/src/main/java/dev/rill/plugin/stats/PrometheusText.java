package dev.rill.plugin.stats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family one
 * {@code # HELP} line and one {@code # TYPE} line, then its samples, each
 * {@code name{label="value",...} value}, every line ending in a line feed. HELP text escapes
 * backslash and line feed; label values escape backslash, double quote and line feed. Not
 * thread-safe; one writer per response.
 */
final class PrometheusText {

    /** The media type of this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    enum Type { COUNTER, GAUGE }

    private final StringBuilder out = new StringBuilder(1024);
    private String family = "";

    /**
     * Starts a metric family; its samples follow. A counter's name ends in {@code _total}.
     *
     * @throws IllegalArgumentException for a name the format does not allow
     */
    PrometheusText family(String name, Type type, String help) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: '" + name + "'");
        }
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: '" + name + "'");
        }
        family = name;
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(Locale.ROOT))
                .append('\n');
        return this;
    }

    /** A sample of the current family without labels. */
    PrometheusText sample(double value) {
        return sample(Map.of(), value);
    }

    /** A sample of the current family without labels, with an integer value. */
    PrometheusText sample(long value) {
        return sample(Map.of(), value);
    }

    /** A sample of the current family; labels in the map's order. */
    PrometheusText sample(Map<String, String> labels, double value) {
        return sample(labels, number(value));
    }

    /** A sample of the current family with an integer value, exact beyond 2^53. */
    PrometheusText sample(Map<String, String> labels, long value) {
        return sample(labels, Long.toString(value));
    }

    private PrometheusText sample(Map<String, String> labels, String value) {
        if (family.isEmpty()) {
            throw new IllegalStateException("a sample needs a family first");
        }
        out.append(family);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean firstLabel = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getKey().startsWith("__")) {
                    throw new IllegalArgumentException("not a label name: '" + label.getKey() + "'");
                }
                if (!firstLabel) {
                    out.append(',');
                }
                firstLabel = false;
                out.append(label.getKey()).append("=\"");
                escapeLabelValue(label.getValue());
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    /** Labels in the order given, as alternating names and values. */
    static Map<String, String> labels(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come as name, value pairs");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }

    /** Integers without a fraction; NaN and infinities as the format spells them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private void escapeLabelValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
