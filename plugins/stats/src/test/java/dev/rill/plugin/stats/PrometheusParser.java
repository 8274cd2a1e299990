package dev.rill.plugin.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validating parser of the Prometheus text exposition format 0.0.4, for tests. It enforces:
 * every line ends in a line feed; metric and label names match the format's patterns; HELP and
 * TYPE at most once per family and before its samples; known types; one family's samples
 * together; label values with only the escapes {@code \\ \" \n}; no repeated label name or series;
 * values that parse as floats (Go syntax, NaN, +Inf, -Inf) and optional integer timestamps.
 */
final class PrometheusParser {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Exposition(Map<String, String> types, Map<String, String> help, List<Sample> samples) {
        List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        double value(String name) {
            List<Sample> found = samples(name);
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples of " + name);
            }
            return found.getFirst().value();
        }
    }

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusParser() {
    }

    static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line does not end in a line feed");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = "";
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + ": " + line;
            String family;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 3 || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    continue;   // a plain comment
                }
                family = parts[2];
                require(METRIC_NAME.matcher(family).matches(), "bad metric name", where);
                if (parts[1].equals("TYPE")) {
                    require(parts.length == 4 && TYPES.contains(parts[3]), "bad type", where);
                    require(!types.containsKey(family), "second TYPE", where);
                    require(samples.stream().noneMatch(s -> s.name().equals(family)), "TYPE after samples", where);
                    types.put(family, parts[3]);
                } else {
                    require(!help.containsKey(family), "second HELP", where);
                    help.put(family, parts.length == 4 ? parts[3] : "");
                }
            } else {
                Sample sample = sample(line, where);
                family = sample.name();
                require(series.add(family + sample.labels()), "repeated series", where);
                samples.add(sample);
            }
            if (!family.equals(current)) {
                require(!finished.contains(family), "family " + family + " is split", where);
                if (!current.isEmpty()) {
                    finished.add(current);
                }
                current = family;
            }
        }
        return new Exposition(types, help, samples);
    }

    private static Sample sample(String line, String where) {
        int pos = 0;
        while (pos < line.length() && line.charAt(pos) != '{' && line.charAt(pos) != ' ') {
            pos++;
        }
        String name = line.substring(0, pos);
        require(METRIC_NAME.matcher(name).matches(), "bad metric name", where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos++;
            while (line.charAt(pos) != '}') {
                int eq = line.indexOf('=', pos);
                require(eq > pos, "label name expected", where);
                String label = line.substring(pos, eq);
                require(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), "bad label name", where);
                require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "quote expected", where);
                StringBuilder value = new StringBuilder();
                pos = eq + 2;
                while (true) {
                    require(pos < line.length(), "unterminated label value", where);
                    char c = line.charAt(pos++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        require(pos < line.length(), "dangling escape", where);
                        char e = line.charAt(pos++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + where);
                        }
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label, value.toString()) == null, "repeated label " + label, where);
                require(pos < line.length(), "unterminated labels", where);
                if (line.charAt(pos) == ',') {
                    pos++;
                    require(pos < line.length() && line.charAt(pos) != '}', "trailing comma", where);
                } else {
                    require(line.charAt(pos) == '}', "',' or '}' expected", where);
                }
            }
            pos++;
        }
        require(pos < line.length() && line.charAt(pos) == ' ', "space before the value expected", where);
        String[] rest = line.substring(pos + 1).split(" ", -1);
        require(rest.length == 1 || rest.length == 2, "value [timestamp] expected", where);
        require(FLOAT.matcher(rest[0]).matches(), "bad value", where);
        if (rest.length == 2) {
            require(rest[1].matches("-?\\d+"), "bad timestamp", where);
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static void require(boolean condition, String what, String where) {
        if (!condition) {
            throw new IllegalArgumentException(what + " at " + where);
        }
    }
}
