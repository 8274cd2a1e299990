package dev.rill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;

/**
 * The yardstick the server's CPU per RTP packet is compared with: the CPU time of the calling
 * thread ({@link ThreadMXBean#getCurrentThreadCpuTime}) over a loop of bare
 * {@code DatagramChannel.send}s of one size to loopback sockets that a {@link LoopbackSink}
 * drains the way the load generator receives. On loopback the kernel delivers the datagram
 * inside the sender's system call, so that work is in this number as it is in the server's.
 * Several rounds, and their median, because the machine it runs on is shared and noisy.
 */
final class BareSend {

    /** The median, least and greatest CPU µs per send over the rounds. */
    record Result(double medianMicros, double minMicros, double maxMicros, int rounds, long sendsPerRound, int size,
                  int destinations) {

        String describe() {
            return String.format(java.util.Locale.ROOT, "median of %d rounds of %,d sends of %d bytes to %d socket(s),"
                    + " %.3f..%.3f µs", rounds, sendsPerRound, size, destinations, minMicros, maxMicros);
        }
    }

    private BareSend() {
    }

    /**
     * Measures after a warm-up (the JIT, the socket buffers) of a quarter round.
     *
     * @param pollNanos the sink's sleep between empty polls, as the generator's receivers
     */
    static Result measure(int size, long sendsPerRound, int rounds, int destinations, long pollNanos)
            throws IOException {
        if (size < 1 || size > 65_507 || sendsPerRound < 1 || rounds < 1 || destinations < 1) {
            throw new IllegalArgumentException("size 1..65507, sends, rounds and destinations >= 1");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LoopbackSink sink = new LoopbackSink(destinations, pollNanos);
             DatagramChannel channel = DatagramChannel.open()) {
            List<InetSocketAddress> targets = sink.addresses();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 8 << 20);
            channel.bind(new InetSocketAddress(targets.getFirst().getAddress(), 0));
            ByteBuffer packet = ByteBuffer.allocateDirect(size);
            send(channel, packet, targets, Math.max(1, sendsPerRound / 4));
            double[] micros = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                send(channel, packet, targets, sendsPerRound);
                micros[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / sendsPerRound;
            }
            Arrays.sort(micros);
            double median = rounds % 2 == 1 ? micros[rounds / 2] : (micros[rounds / 2 - 1] + micros[rounds / 2]) / 2;
            return new Result(median, micros[0], micros[rounds - 1], rounds, sendsPerRound, size, destinations);
        }
    }

    private static void send(DatagramChannel channel, ByteBuffer packet, List<InetSocketAddress> targets, long count)
            throws IOException {
        int n = targets.size();
        for (long i = 0; i < count; i++) {
            packet.clear();
            channel.send(packet, targets.get((int) (i % n)));
        }
    }
}
