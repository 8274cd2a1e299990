package dev.rill.wire;

/**
 * A port or a run of ports, as in the {@code client_port}, {@code server_port} and
 * {@code interleaved} parameters of Transport (RFC 2326 §12.39): {@code 4588-4589} or
 * {@code 25000} (the course's clients send one port).
 *
 * @param first 0..65535
 * @param last  {@code first}..65535; equal to {@code first} for a single port
 */
public record PortRange(int first, int last) {

    public static final int MAX_PORT = 0xFFFF;

    public PortRange {
        if (first < 0 || first > MAX_PORT) {
            throw new IllegalArgumentException("port must be 0..65535: " + first);
        }
        if (last < first || last > MAX_PORT) {
            throw new IllegalArgumentException("last port must be " + first + "..65535: " + last);
        }
    }

    /** The single port {@code port}. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /** {@code a-b} or {@code a}, white space around the numbers allowed. */
    public static PortRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return of(port(text, text));
        }
        return new PortRange(port(text.substring(0, dash), text), port(text.substring(dash + 1), text));
    }

    private static int port(String digits, String text) {
        String d = digits.trim();
        if (d.isEmpty() || d.length() > 5 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port or port range: '" + text + "'");
        }
        return Integer.parseInt(d);
    }

    /** True when the range is one port. */
    public boolean isSingle() {
        return first == last;
    }

    /** How many ports the range holds. */
    public int count() {
        return last - first + 1;
    }

    /** {@code a} when the range is one port, else {@code a-b}. */
    @Override
    public String toString() {
        return isSingle() ? Integer.toString(first) : first + "-" + last;
    }
}
