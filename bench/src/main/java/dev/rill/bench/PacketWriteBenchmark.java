package dev.rill.bench;

import dev.rill.spi.RtpPacket;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet, per-session work of the sender besides the send itself: a 12-byte RTP header
 * ({@link RtpPacket#writeHeader}) and an absolute bulk copy of a shared, read-only 1,388-byte
 * fragment (a slice of a heap array, as the payloader makes them) into a direct send buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PacketWriteBenchmark {

    static final int PAYLOAD = 1388;

    private final ByteBuffer packet = ByteBuffer.allocateDirect(65_507);
    private ByteBuffer fragment;
    private int sequence;
    private long timestamp = 123_456_789L;

    @Setup
    public void setUp() {
        byte[] frame = new byte[3 * PAYLOAD + 100];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 31);
        }
        // The second fragment of a frame: a read-only slice that does not start at offset 0.
        fragment = ByteBuffer.wrap(frame, PAYLOAD + 50, PAYLOAD).slice().asReadOnlyBuffer();
    }

    @Benchmark
    public ByteBuffer writePacket() {
        packet.clear();
        RtpPacket.writeHeader(packet, false, RtpPacket.PAYLOAD_TYPE_JPEG, sequence++ & 0xFFFF, timestamp,
                0x1A2B3C4DL);
        packet.put(packet.position(), fragment, 0, fragment.limit());
        packet.position(packet.position() + fragment.limit());
        packet.flip();
        timestamp = (timestamp + 4500) & 0xFFFFFFFFL;
        return packet;
    }
}
