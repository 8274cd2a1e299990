package dev.rill.plugin.stats;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Dialect;
import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionState;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** A session whose counters and state a test sets. */
final class FakeSession implements SessionInfo {

    private final String id;
    private final Mount mount;
    private final Dialect dialect;
    private final String transport;
    private final Instant openedAt;
    private volatile SessionState state = SessionState.READY;
    private volatile long packets;
    private volatile long bytes;
    private volatile long frames;

    FakeSession(String id, String mountPath, Dialect dialect, String transport, Instant openedAt) {
        this.id = id;
        this.mount = new Mount(mountPath, new NoSource(), new NoFormat());
        this.dialect = dialect;
        this.transport = transport;
        this.openedAt = openedAt;
    }

    static FakeSession udp(String id, Instant openedAt) {
        return new FakeSession(id, "/movie.Mjpeg", Dialect.STANDARD, "RTP/AVP;unicast;client_port=5000-5001",
                openedAt);
    }

    FakeSession sent(long packets, long bytes, long frames) {
        this.packets = packets;
        this.bytes = bytes;
        this.frames = frames;
        return this;
    }

    FakeSession state(SessionState state) {
        this.state = state;
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress peer() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public Mount mount() {
        return mount;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public long packetsSent() {
        return packets;
    }

    @Override
    public long bytesSent() {
        return bytes;
    }

    @Override
    public long framesSent() {
        return frames;
    }

    private static final class NoSource implements MediaSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public OptionalDouble nominalFrameRate() {
            return OptionalDouble.of(25);
        }

        @Override
        public String describe() {
            return "nothing";
        }
    }

    private static final class NoFormat implements RtpPayloadFormat {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public int payloadType() {
            return 26;
        }

        @Override
        public int clockRate() {
            return 90_000;
        }

        @Override
        public Payloader payloader(MediaSource source, int maxPayloadSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Depayloader depayloader() {
            throw new UnsupportedOperationException();
        }
    }
}
