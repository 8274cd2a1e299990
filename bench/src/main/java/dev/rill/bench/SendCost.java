package dev.rill.bench;

import java.io.IOException;
import java.util.Locale;

/**
 * Prints the yardstick of {@link BareSend} on its own. The load generator measures it itself
 * before each ramp; this is for looking at it alone, or with other sizes and destinations.
 *
 * <p>{@code java -cp rill-bench.jar dev.rill.bench.SendCost [--packets N] [--rounds R]
 * [--size BYTES] [--destinations D] [--poll-us U]}
 */
public final class SendCost {

    private static final String USAGE = "usage: SendCost [--packets N per round >= 1] [--rounds R >= 1]"
            + " [--size 1..65507] [--destinations D >= 1] [--poll-us U >= 0]";

    private SendCost() {
    }

    public static void main(String[] args) throws IOException {
        long packets = 400_000;
        int rounds = 5;
        int size = 1400;
        int destinations = 1;
        long pollMicros = GeneratorOptions.DEFAULT_POLL_MICROS;
        try {
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException();
            }
            for (int i = 0; i < args.length; i += 2) {
                String v = args[i + 1].replace("_", "");
                switch (args[i]) {
                    case "--packets" -> packets = Long.parseLong(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--size" -> size = Integer.parseInt(v);
                    case "--destinations" -> destinations = Integer.parseInt(v);
                    case "--poll-us" -> pollMicros = Long.parseLong(v);
                    default -> throw new IllegalArgumentException();
                }
            }
            if (pollMicros < 0) {
                throw new IllegalArgumentException();
            }
            BareSend.Result r = BareSend.measure(size, packets, rounds, destinations, pollMicros * 1000);
            System.out.printf(Locale.ROOT, "bare DatagramChannel.send: %.3f µs of CPU per send (%s)%n",
                    r.medianMicros(), r.describe());
            System.out.printf(Locale.ROOT, "The load generator measures this itself before its ramp;"
                    + " --send-cost-us %.3f gives it this value instead.%n", r.medianMicros());
        } catch (IllegalArgumentException e) {
            System.err.println(USAGE);
            System.exit(2);
        }
    }
}
