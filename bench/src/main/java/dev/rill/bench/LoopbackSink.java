package dev.rill.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receiving sockets on 127.0.0.1 drained by one thread, the far end of the bare-send yardstick
 * ({@link SendBenchmark}, {@link SendCost}): what the sender pays for is the send itself,
 * loopback delivery included, not a full receive queue. Datagrams the drain misses are dropped
 * by the kernel, which does not change the sender's cost.
 */
final class LoopbackSink implements AutoCloseable {

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final Selector selector;
    private final Thread drain;
    private volatile boolean running = true;
    private volatile long received;
    private volatile long drainCpuNanos;

    LoopbackSink(int sockets) throws IOException {
        if (sockets < 1) {
            throw new IllegalArgumentException("sockets must be >= 1: " + sockets);
        }
        selector = Selector.open();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < sockets; i++) {
            DatagramChannel c = DatagramChannel.open();
            c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            c.bind(new InetSocketAddress(loopback, 0));
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            channels.add(c);
            addresses.add((InetSocketAddress) c.getLocalAddress());
        }
        drain = Thread.ofPlatform().name("rill-bench-sink").daemon(true).start(this::drain);
    }

    /** Where to send: the receiving sockets' addresses. */
    List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** Datagrams the drain read so far. */
    long received() {
        return received;
    }

    /** CPU the drain thread used, nanoseconds (known after close). */
    long drainCpuNanos() {
        return drainCpuNanos;
    }

    private void drain() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        long count = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    for (int i = 0; i < 1024; i++) {
                        buffer.clear();
                        if (c.receive(buffer) == null) {
                            break;
                        }
                        count++;
                    }
                }
                selector.selectedKeys().clear();
                received = count;
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed: the run is over
        } finally {
            drainCpuNanos = threads.getCurrentThreadCpuTime();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            drain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        for (DatagramChannel c : channels) {
            c.close();
        }
    }
}
