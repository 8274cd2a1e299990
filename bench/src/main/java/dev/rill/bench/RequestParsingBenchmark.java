package dev.rill.bench;

import dev.rill.wire.RtspDecoder;
import dev.rill.spi.RtspHeaders;
import dev.rill.wire.RtspLimits;
import dev.rill.spi.RtspMessage;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspRequest;
import dev.rill.wire.Transport;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spi's {@link RtspDecoder} on the requests ffmpeg sends to set up and start a stream, fed
 * whole (one read brings one request), with the decoder reused as a connection reuses it.
 * {@code setupWithTransport} adds parsing the Transport header, which SETUP always does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestParsingBenchmark {

    /** ffmpeg 6/7 (libavformat 61), RTP over UDP. */
    static final String SETUP = "SETUP rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0 RTSP/1.0\r\n"
            + "Transport: RTP/AVP/UDP;unicast;client_port=20000-20001\r\n"
            + "CSeq: 3\r\n"
            + "User-Agent: Lavf61.7.100\r\n"
            + "\r\n";
    static final String PLAY = "PLAY rtsp://127.0.0.1:8554/movie.Mjpeg/ RTSP/1.0\r\n"
            + "Range: npt=0.000-\r\n"
            + "CSeq: 4\r\n"
            + "User-Agent: Lavf61.7.100\r\n"
            + "Session: 6B8B4567327B23C6\r\n"
            + "\r\n";

    private final byte[] setup = SETUP.getBytes(StandardCharsets.ISO_8859_1);
    private final byte[] play = PLAY.getBytes(StandardCharsets.ISO_8859_1);
    private RtspDecoder decoder;

    @Setup
    public void setUp() {
        decoder = new RtspDecoder(RtspLimits.DEFAULT);
    }

    @Benchmark
    public RtspMessage setup() throws RtspParseException {
        return decode(setup);
    }

    @Benchmark
    public RtspMessage play() throws RtspParseException {
        return decode(play);
    }

    @Benchmark
    public List<Transport> setupWithTransport() throws RtspParseException {
        RtspRequest request = (RtspRequest) decode(setup);
        return Transport.parseList(request.headers().first(RtspHeaders.TRANSPORT).orElseThrow());
    }

    private RtspMessage decode(byte[] bytes) throws RtspParseException {
        decoder.feed(bytes, 0, bytes.length);
        return decoder.next().orElseThrow();
    }
}
