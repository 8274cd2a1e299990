package dev.rill.plugin.sdp;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.SessionInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Small stand-ins for the server's types: a source, a payload format and an exchange. */
final class Fakes {

    private Fakes() {
    }

    /** A source that says what it is and has no frames; live when {@code frameCount} is empty. */
    record Source(String describe, double frameRate, OptionalLong frameCount) implements MediaSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public Optional<Frame> frame(long index) {
            return Optional.empty();
        }
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
        return new Mount("/movie.Mjpeg", new Source("movie.Mjpeg", 20, OptionalLong.of(500)), JPEG);
    }

    /** /cam: a live source at 29.97 fps. */
    static Mount liveMount() {
        return new Mount("/cam", new Source("test pattern", 30000.0 / 1001, OptionalLong.empty()), JPEG);
    }

    static RtspRequest describe(String target, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = RtspHeaders.CSEQ;
        all[1] = "2";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return new RtspRequest(RtspMethod.DESCRIBE, target, RtspHeaders.of(all));
    }
}
