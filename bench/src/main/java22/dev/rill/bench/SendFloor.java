package dev.rill.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's floor for RTP over UDP on this machine: the CPU time of the calling thread per
 * packet when the same packets go to N loopback sockets by {@code sendto} (one call a packet),
 * {@code sendmmsg} (one datagram a message, up to 1,024 a call) and {@code sendmmsg} of
 * {@code UDP_SEGMENT} messages (a whole frame a message: the kernel cuts it, udp(7)), the three
 * ways the server can send. Linux, Java 22+ (java.lang.foreign); compiled into the jar's
 * {@code META-INF/versions/22}.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/rill-bench.jar dev.rill.bench.SendFloor \
 *     --sockets 1000 --seconds 5 --size 1400 --segments 4</pre>
 */
public final class SendFloor {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SOL_UDP = 17;
    private static final int UDP_SEGMENT = 103;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MAX_MESSAGES = 1024;
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private static final int SOCKADDR = 16;
    private static final int CMSG_SPACE = 24;

    private final MethodHandle socket;
    private final MethodHandle setsockopt;
    private final MethodHandle sendto;
    private final MethodHandle sendmmsg;
    private final MethodHandle close;

    private SendFloor() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        setsockopt = linker.downcallHandle(libc.find("setsockopt").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        sendmmsg = linker.downcallHandle(libc.find("sendmmsg").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** Options: {@code --sockets N --seconds S --size BYTES --segments PACKETS_PER_FRAME}. */
    public static void main(String[] args) throws Throwable {
        int sockets = 1000;
        double seconds = 5;
        int size = 1400;
        int segments = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sockets" -> sockets = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--segments" -> segments = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--sockets, --seconds, --size, --segments)");
            }
        }
        if (args.length % 2 != 0 || sockets < 1 || seconds <= 0 || size < 12 || size > 9000 || segments < 1
                || segments > 64 || size * segments > 65_000) {
            throw new IllegalArgumentException("--sockets >= 1, --seconds > 0, --size 12..9000, --segments 1..64,"
                    + " size x segments <= 65000");
        }
        new SendFloor().run(sockets, (long) (seconds * 1e9), size, segments);
    }

    private void run(int sockets, long nanos, int size, int segments) throws Throwable {
        try (LoopbackSink sink = new LoopbackSink(sockets, 0); Arena arena = Arena.ofConfined()) {
            List<InetSocketAddress> targets = sink.addresses();
            MemorySegment names = arena.allocate((long) SOCKADDR * sockets, 8);
            for (int i = 0; i < sockets; i++) {
                MemorySegment at = names.asSlice((long) i * SOCKADDR, SOCKADDR);
                at.set(JAVA_SHORT, 0, (short) AF_INET);
                at.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) targets.get(i).getPort());
                MemorySegment.copy(targets.get(i).getAddress().getAddress(), 0, at, ValueLayout.JAVA_BYTE, 4, 4);
            }
            MemorySegment frame = arena.allocate((long) size * segments, 8);
            int fd = (int) socket.invokeExact(AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket() failed");
            }
            try {
                MemorySegment buffer = arena.allocate(JAVA_INT);
                buffer.set(JAVA_INT, 0, 8 << 20);
                int ignored = (int) setsockopt.invokeExact(fd, SOL_SOCKET, SO_SNDBUF, buffer, 4);
                System.out.printf(Locale.ROOT, "%d-byte packets to %d loopback sockets, %.1f s each, CPU of the sending thread:%n",
                        size, sockets, nanos / 1e9);
                report("sendto", measure(nanos, () -> sendtoRound(fd, frame, size, names, sockets)));
                MemorySegment plain = messages(arena, names, sockets, frame, size, 1, false);
                report("sendmmsg", measure(nanos, () -> mmsgRound(fd, plain, sockets, 1)));
                MemorySegment gso = messages(arena, names, sockets, frame, size, segments, true);
                report("sendmmsg+UDP_SEGMENT (" + segments + " a frame)", measure(nanos, () -> mmsgRound(fd, gso, sockets, segments)));
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        }
    }

    @FunctionalInterface
    private interface Round {
        /** Sends to every socket once; returns the packets that left. */
        long send() throws Throwable;
    }

    /** CPU ns and packets over about {@code nanos} of wall time, after a short warm-up. */
    private static long[] measure(long nanos, Round round) throws Throwable {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warm = System.nanoTime() + nanos / 10;
        while (System.nanoTime() < warm) {
            round.send();
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long end = System.nanoTime() + nanos;
        long packets = 0;
        while (System.nanoTime() < end) {
            packets += round.send();
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu, packets};
    }

    private static void report(String how, long[] cpuAndPackets) {
        System.out.printf(Locale.ROOT, "  %-40s %8.3f µs per packet (%,d packets)%n", how,
                cpuAndPackets[1] == 0 ? Double.NaN : cpuAndPackets[0] / 1e3 / cpuAndPackets[1], cpuAndPackets[1]);
    }

    private long sendtoRound(int fd, MemorySegment packet, int size, MemorySegment names, int sockets) throws Throwable {
        long sent = 0;
        for (int i = 0; i < sockets; i++) {
            long n = (long) sendto.invokeExact(fd, packet, (long) size, MSG_DONTWAIT,
                    names.asSlice((long) i * SOCKADDR, SOCKADDR), SOCKADDR);
            sent += n > 0 ? 1 : 0;
        }
        return sent;
    }

    private long mmsgRound(int fd, MemorySegment messages, int count, int perMessage) throws Throwable {
        long sent = 0;
        for (int at = 0; at < count; ) {
            int n = (int) sendmmsg.invokeExact(fd, messages.asSlice((long) at * MMSGHDR),
                    Math.min(MAX_MESSAGES, count - at), MSG_DONTWAIT);
            if (n <= 0) {
                at++;   // a full buffer: this message is dropped, as the server would after its wait
                continue;
            }
            at += n;
            sent += (long) n * perMessage;
        }
        return sent;
    }

    /** One message per socket: {@code segments} packets of {@code size} in one iovec, with UDP_SEGMENT when {@code gso}. */
    private static MemorySegment messages(Arena arena, MemorySegment names, int sockets, MemorySegment frame, int size,
                                          int segments, boolean gso) {
        MemorySegment messages = arena.allocate((long) MMSGHDR * sockets, 8);
        MemorySegment iov = arena.allocate(IOVEC, 8);
        iov.set(ADDRESS, 0, frame);
        iov.set(JAVA_LONG, 8, (long) size * segments);
        MemorySegment control = arena.allocate(CMSG_SPACE, 8);
        control.set(JAVA_LONG, 0, 18L);
        control.set(JAVA_INT, 8, SOL_UDP);
        control.set(JAVA_INT, 12, UDP_SEGMENT);
        control.set(JAVA_SHORT, 16, (short) size);
        for (int i = 0; i < sockets; i++) {
            MemorySegment m = messages.asSlice((long) i * MMSGHDR, MMSGHDR);
            m.set(ADDRESS, 0, names.asSlice((long) i * SOCKADDR, SOCKADDR));
            m.set(JAVA_INT, 8, SOCKADDR);
            m.set(ADDRESS, 16, iov);
            m.set(JAVA_LONG, 24, 1L);
            m.set(ADDRESS, 32, gso && segments > 1 ? control : MemorySegment.NULL);
            m.set(JAVA_LONG, 40, gso && segments > 1 ? (long) CMSG_SPACE : 0L);
        }
        return messages;
    }
}
