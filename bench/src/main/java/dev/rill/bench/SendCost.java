package dev.rill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Locale;

/**
 * The CPU cost of a bare {@code DatagramChannel.send}, the yardstick the issue measures the
 * server's CPU per RTP packet against: the sending thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) over many sends of one size to loopback
 * sockets drained by another thread, divided by the sends. On loopback the kernel delivers the
 * datagram in the sender's system call, so that work is in the number, as it is in the server's.
 *
 * <p>{@code java -cp rill-bench.jar dev.rill.bench.SendCost [--packets N] [--size BYTES]
 * [--destinations D]}
 */
public final class SendCost {

    private SendCost() {
    }

    public static void main(String[] args) throws IOException {
        long packets = 1_000_000;
        int size = 1400;
        int destinations = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--packets" -> packets = Long.parseLong(args[i + 1].replace("_", ""));
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--destinations" -> destinations = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: SendCost [--packets N] [--size BYTES] [--destinations D]");
                    System.exit(2);
                }
            }
        }
        if (args.length % 2 != 0 || packets < 1 || size < 1 || size > 65_507 || destinations < 1) {
            System.err.println("usage: SendCost [--packets N >= 1] [--size 1..65507] [--destinations D >= 1]");
            System.exit(2);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LoopbackSink sink = new LoopbackSink(destinations);
             DatagramChannel channel = DatagramChannel.open()) {
            List<InetSocketAddress> targets = sink.addresses();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 8 << 20);
            channel.bind(new InetSocketAddress(targets.getFirst().getAddress(), 0));
            ByteBuffer packet = ByteBuffer.allocateDirect(size);
            send(channel, packet, targets, Math.min(packets, 200_000)); // warm-up: JIT, socket buffers
            long drained0 = sink.received();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            send(channel, packet, targets, packets);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            long drained = sink.received() - drained0; // published every select: roughly
            System.out.printf(Locale.ROOT, "bare DatagramChannel.send, %d-byte datagrams to %d loopback socket(s), %,d sends:%n",
                    size, destinations, packets);
            System.out.printf(Locale.ROOT, "  CPU per send   %.3f µs  (sending thread, user + system)%n", cpu / 1e3 / packets);
            System.out.printf(Locale.ROOT, "  wall per send  %.3f µs  (%,.0f sends/s)%n", wall / 1e3 / packets,
                    packets * 1e9 / wall);
            System.out.printf(Locale.ROOT, "  drained by the receiver meanwhile: about %,d (the rest dropped by the kernel)%n",
                    drained);
            System.out.printf(Locale.ROOT, "Pass --send-cost-us %.3f to the LoadGenerator to compare the server with it.%n",
                    cpu / 1e3 / packets);
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
