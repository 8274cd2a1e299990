package dev.rill.plugin.sdp;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.StoredSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Small stand-ins for the server's types: a source, a payload format and an exchange. */
final class Fakes {

    private Fakes() {
    }

    /** A stored source that says what it is and how long it lasts, and has no frames to read. */
    record Stored(String describe, OptionalDouble nominalFrameRate, Duration duration) implements StoredSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public long frameCount() {
            return 1;
        }

        @Override
        public long timeOf(long index) {
            return 0;
        }

        @Override
        public long indexAt(long timeNanos) {
            return timeNanos < duration.toNanos() ? 0 : 1;
        }

        @Override
        public Optional<Frame> frame(long index) {
            return Optional.empty();
        }
    }

    /** A live source that says what it is and never sends a frame. */
    record Live(String describe, OptionalDouble nominalFrameRate) implements LiveSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public void start(FrameSink sink) {
        }

        @Override
        public void stop() {
        }
    }

    /** A stored source of {@code frames} frames at {@code fps}. */
    static Stored stored(String describe, double fps, long frames) {
        return new Stored(describe, OptionalDouble.of(fps), new FrameClock(fps).durationOf(frames));
    }

    /** A payload format that only names itself. */
    record Format(String encoding, int payloadType, int clockRate) implements RtpPayloadFormat {
        @Override
        public String name() {
            return encoding;
        }

        @Override
        public Payloader payloader(MediaSource source, int maxPayloadSize) {
            throw new UnsupportedOperationException("not needed to describe a mount");
        }

        @Override
        public Depayloader depayloader() {
            throw new UnsupportedOperationException("not needed to describe a mount");
        }
    }

    record Exchange(RtspRequest request, InetSocketAddress local, Optional<Mount> mount) implements RtspExchange {
        @Override
        public InetSocketAddress peer() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        public Optional<SessionInfo> session() {
            return Optional.empty();
        }

        @Override
        public List<RtspMethod> methods() {
            return List.of(RtspMethod.OPTIONS, RtspMethod.DESCRIBE);
        }
    }

    static final Format JPEG = new Format("JPEG", 26, 90_000);

    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8554);

    /** /movie.Mjpeg: 500 frames at 20 fps, 25 s. */
    static Mount storedMount() {
        return new Mount("/movie.Mjpeg", stored("movie.Mjpeg", 20, 500), JPEG);
    }

    /** /cam: a live source at 29.97 fps. */
    static Mount liveMount() {
        return new Mount("/cam", new Live("test pattern", OptionalDouble.of(30000.0 / 1001)), JPEG);
    }

    static RtspRequest describe(String target, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = RtspHeaders.CSEQ;
        all[1] = "2";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return new RtspRequest(RtspMethod.DESCRIBE, target, RtspHeaders.of(all));
    }
}
