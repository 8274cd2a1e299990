package dev.rill.bench;

import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.VideoSize;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 2435 fragmentation of one frame into 1,388-byte payloads (a 1,400-byte packet less its
 * 12-byte RTP header), through the payload format the server finds with ServiceLoader: parse the
 * JPEG, check it is carriable, write the JPEG and quantisation-table headers and the slices.
 * The server does this once per frame for all sessions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FragmentationBenchmark {

    /** The largest payload of a 1,400-byte packet (rtp.maxPacketSize's default). */
    static final int MAX_PAYLOAD = 1400 - 12;

    /** 320x240: a frame like the sample movie's; 1280x720: a frame over 64 KB. */
    @Param({"320x240", "1280x720"})
    public String size;

    private Payloader payloader;
    private StillSource source;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        boolean large = width * height > 320 * 240;
        // About 5 KB (the sample movie's median is 5.7 KB) and about 96 KB (over 64 KB, 70 packets).
        byte[] jpeg = large ? TestJpegs.jpeg(width, height, 4, 0.9f, 2435)
                : TestJpegs.jpeg(width, height, 6, 0.75f, 2435);
        if (large && jpeg.length <= 65_536) {
            throw new IllegalStateException("the " + size + " test frame must exceed 64 KB: " + jpeg.length);
        }
        source = new StillSource(jpeg, new VideoSize(width, height), "bench " + size + " (" + jpeg.length + " bytes)");
        RtpPayloadFormat format = ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RtpPayloadFormat named JPEG on the class path"));
        payloader = format.payloader(source, MAX_PAYLOAD);
        List<PayloadFragment> fragments = payloader.payload(source.frame());
        if (fragments.isEmpty()) {
            throw new IllegalStateException("the payloader refused the test frame " + source.describe());
        }
    }

    @Benchmark
    public List<PayloadFragment> fragment() {
        return payloader.payload(source.frame());
    }
}
