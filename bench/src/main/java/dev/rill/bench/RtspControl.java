package dev.rill.bench;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMethod;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import dev.rill.wire.RtspParseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * One RTSP connection of the load generator: rill-wire's {@link RtspClient} without a reader
 * thread (thousands are opened), used by its handshake's virtual thread, whose requests read
 * until their response and time the round trip. An interleaved session is then
 * {@linkplain #handOff handed off}: the client detaches the channel, now non-blocking, and the
 * receiver's {@link InterleavedParser} goes on from the bytes the client had read past the PLAY
 * response (frames that came with it were fed to the parser already), so none is lost;
 * {@link #send} still writes requests.
 */
final class RtspControl implements AutoCloseable {

    static final String USER_AGENT = "rill-bench";

    private final RtspClient client;
    private final InterleavedParser parser;
    /** Set by the handshake's thread before the session goes to a receiver (a queue between them). */
    private volatile Optional<SocketChannel> handedOff = Optional.empty();

    private RtspControl(RtspClient client, InterleavedParser parser) {
        this.client = client;
        this.parser = parser;
    }

    /**
     * Connects to {@code server}.
     *
     * @param receiveBuffer SO_RCVBUF asked for before connecting, bytes; 0 for the default
     * @param rtpChannel    the interleaved channel RTP will come on (for an interleaved session)
     * @param media         receives what the parser finds after {@link #handOff}
     */
    static RtspControl connect(InetSocketAddress server, long timeoutNanos, int receiveBuffer, int rtpChannel,
                               InterleavedParser.Listener media) throws IOException {
        RtspClient client = RtspClient.connect(server, RtspClientOptions.of(RequestStyle.STANDARD)
                .withTimeout(Duration.ofNanos(timeoutNanos)).withUserAgent(USER_AGENT)
                .withReceiveBuffer(receiveBuffer).withReaderThread(false));
        RtspControl control = new RtspControl(client, new InterleavedParser(rtpChannel, media));
        client.onInterleaved(control::beforeHandOff);
        return control;
    }

    /** A frame the client read with a response: to the parser, as if the receiver had read it. */
    private void beforeHandOff(InterleavedFrame frame) {
        try {
            parser.feed(ByteBuffer.wrap(frame.encode()));
        } catch (RtspParseException e) {
            throw new IllegalStateException("a whole frame cannot be malformed", e);
        }
    }

    RtspClient client() {
        return client;
    }

    /** The channel a receiver reads; only after {@link #handOff}. */
    SocketChannel channel() {
        return handedOff.orElseThrow(() -> new IllegalStateException("not handed off"));
    }

    InterleavedParser parser() {
        return parser;
    }

    /** Sends a request and waits (at most the timeout) for the response with its CSeq, timing the round trip. */
    RtspClient.Reply request(RtspMethod method, String target, String... namesAndValues) throws IOException {
        return client.exchange(method, target, namesAndValues);
    }

    /**
     * Detaches the channel for a receiver's selector and feeds the parser what the client read
     * past the last response; from now on responses go to the media listener. Call once, from the
     * handshake's thread, before the session goes to a receiver.
     */
    void handOff() throws IOException, RtspParseException {
        RtspClient.Detached detached = client.detach();
        parser.feed(ByteBuffer.wrap(detached.unread()));
        handedOff = Optional.of(detached.channel());
    }

    /** Writes a request on a handed-off channel without waiting for its response; bounded by the timeout. */
    void send(RtspMethod method, String target, String... namesAndValues) throws IOException {
        client.send(method, target, namesAndValues);
    }

    @Override
    public void close() {
        client.close();
    }
}
