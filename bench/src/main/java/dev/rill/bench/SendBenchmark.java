package dev.rill.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The yardstick: a bare {@code DatagramChannel.send} of a 1,400-byte packet from a direct buffer
 * to a loopback port, as the server's sender sends (one unconnected channel, a destination per
 * call), with a thread draining the receiving socket. This is wall time per send; the issue
 * compares CPU per packet, which {@link BareSend} measures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SendBenchmark {

    static final int PACKET = 1400;

    private LoopbackSink sink;
    private DatagramChannel channel;
    private InetSocketAddress target;
    private final ByteBuffer packet = ByteBuffer.allocateDirect(PACKET);

    @Setup
    public void setUp() throws IOException {
        sink = new LoopbackSink(1, GeneratorOptions.DEFAULT_POLL_MICROS * 1000);
        List<InetSocketAddress> addresses = sink.addresses();
        target = addresses.getFirst();
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 8 << 20);
        channel.bind(new InetSocketAddress(target.getAddress(), 0));
        for (int i = 0; i < PACKET; i++) {
            packet.put(i, (byte) i);
        }
    }

    @Benchmark
    public int send() throws IOException {
        packet.clear();
        return channel.send(packet, target);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        sink.close();
    }
}
