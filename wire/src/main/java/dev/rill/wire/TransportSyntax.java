package dev.rill.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tolerant reading of one transport specification (RFC 2326 §12.39) into a {@link Transport}. */
final class TransportSyntax {

    private TransportSyntax() {
    }

    static Transport parse(String spec) {
        List<String> parts = split(spec, ';');
        String[] protocol = parts.getFirst().split("/", -1);
        if (protocol.length < 2 || protocol.length > 3) {
            throw invalid(spec, "it does not start with RTP/profile[/lower-transport]");
        }
        String[] words = new String[3];
        for (int i = 0; i < 3; i++) {
            words[i] = i < protocol.length ? protocol[i].trim().toUpperCase(Locale.ROOT) : "";
            if (i < protocol.length && words[i].isEmpty()) {
                throw invalid(spec, "it does not start with RTP/profile[/lower-transport]");
            }
        }
        boolean multicast = false;
        Optional<String> destination = Optional.empty();
        Optional<PortRange> clientPort = Optional.empty();
        Optional<PortRange> serverPort = Optional.empty();
        Optional<PortRange> interleaved = Optional.empty();
        Optional<Long> ssrc = Optional.empty();
        Optional<Integer> ttl = Optional.empty();
        Optional<String> mode = Optional.empty();
        for (String parameter : parts.subList(1, parts.size())) {
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(unquote(parameter.substring(equals + 1)));
            try {
                switch (name) {
                    case "" -> { } // an empty parameter, e.g. a trailing ';'
                    case "unicast" -> multicast = false;
                    case "multicast" -> multicast = true;
                    case "destination" -> destination = value.filter(v -> !v.isEmpty());
                    case "client_port" -> clientPort = Optional.of(PortRange.parse(required(name, value)));
                    case "server_port" -> serverPort = Optional.of(PortRange.parse(required(name, value)));
                    case "interleaved" -> interleaved = Optional.of(PortRange.parse(required(name, value)));
                    case "ssrc" -> ssrc = Optional.of(hex32(required(name, value)));
                    case "ttl" -> ttl = Optional.of(decimal(required(name, value), 3));
                    case "mode" -> mode = Optional.of(required(name, value));
                    default -> { } // not modelled: port, source, append, layers, extensions
                }
            } catch (IllegalArgumentException e) {
                throw invalid(spec, name + ": " + e.getMessage());
            }
        }
        try {
            return new Transport(words[0], words[1], words[2], multicast, destination, clientPort, serverPort,
                    interleaved, ssrc, ttl, mode);
        } catch (IllegalArgumentException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    /** {@code text} cut at every {@code separator} that is not inside double quotes, pieces trimmed. */
    static List<String> split(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                pieces.add(text.substring(from, i).trim());
                from = i + 1;
            }
        }
        pieces.add(text.substring(from).trim());
        return pieces;
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).trim() : v;
    }

    private static String required(String name, Optional<String> value) {
        return value.filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("needs a value"));
    }

    private static long hex32(String text) {
        if (text.length() > 8 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            throw new IllegalArgumentException("not 1 to 8 hex digits: '" + text + "'");
        }
        return Long.parseLong(text, 16);
    }

    private static int decimal(String text, int maxDigits) {
        if (text.length() > maxDigits || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a number of 1 to " + maxDigits + " digits: '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("unparseable transport '" + spec + "': " + why);
    }
}
