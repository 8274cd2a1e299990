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
import java.util.concurrent.locks.LockSupport;

/**
 * Receiving sockets on 127.0.0.1 drained by one thread, the far end of the bare-send yardstick
 * ({@link SendBenchmark}, {@link BareSend}): what the sender pays for is the send itself,
 * loopback delivery included, not a full receive queue. The drain waits between empty polls
 * the way the load generator's receivers do ({@code pollNanos}; 0: blocks in select), so that
 * the yardstick and the server pay the same for waking their receiver. Datagrams the drain
 * misses are dropped by the kernel, which does not change the sender's cost.
 */
final class LoopbackSink implements AutoCloseable {

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final Selector selector;
    private final Thread drain;
    private final long pollNanos;
    private volatile boolean running = true;

    LoopbackSink(int sockets, long pollNanos) throws IOException {
        if (sockets < 1 || pollNanos < 0) {
            throw new IllegalArgumentException("sockets must be >= 1, pollNanos >= 0: " + sockets + ", " + pollNanos);
        }
        this.pollNanos = pollNanos;
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

    private void drain() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        try {
            while (running) {
                if (pollNanos == 0) {
                    selector.select(100);
                } else if (selector.selectNow() == 0) {
                    LockSupport.parkNanos(pollNanos);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    for (int i = 0; i < 1024; i++) {
                        buffer.clear();
                        if (c.receive(buffer) == null) {
                            break;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed: the run is over
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
