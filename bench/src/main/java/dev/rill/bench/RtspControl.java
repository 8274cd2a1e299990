package dev.rill.bench;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One RTSP connection of the load generator. During the handshake it is used by one virtual
 * thread with blocking, timed reads: {@link #request} writes a request and waits for the
 * response with the same CSeq, timing the round trip. For an interleaved session it is then
 * {@linkplain #handOff handed off}: the channel turns non-blocking, a receiver thread feeds the
 * same {@link InterleavedParser} (so bytes that followed the PLAY response are not lost), and
 * responses go to the media listener; {@link #send} still writes requests.
 */
final class RtspControl implements InterleavedParser.Listener, AutoCloseable {

    static final String USER_AGENT = "rill-bench";
    private static final int READ_BUFFER = 16 * 1024;

    /** A response and the time from the first byte of the request written to its arrival. */
    record Reply(RtspResponse response, long roundTripNanos) {
    }

    private final SocketChannel channel;
    private final InputStream in;
    private final long timeoutNanos;
    private final InterleavedParser parser;
    private final InterleavedParser.Listener media;
    private final ArrayDeque<RtspResponse> responses = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    private int cseq;
    private boolean handedOff;

    private RtspControl(SocketChannel channel, long timeoutNanos, int rtpChannel, InterleavedParser.Listener media)
            throws IOException {
        this.channel = channel;
        this.timeoutNanos = timeoutNanos;
        this.media = media;
        this.parser = new InterleavedParser(rtpChannel, this);
        this.in = channel.socket().getInputStream();
    }

    /**
     * Connects to {@code server}.
     *
     * @param rtpChannel the interleaved channel RTP will come on (for an interleaved session)
     * @param media      receives interleaved packets, and responses after {@link #handOff}
     */
    static RtspControl connect(InetSocketAddress server, long timeoutNanos, int receiveBuffer, int rtpChannel,
                               InterleavedParser.Listener media) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            channel.socket().connect(server, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
            return new RtspControl(channel, timeoutNanos, rtpChannel, media);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    InterleavedParser parser() {
        return parser;
    }

    /**
     * Sends a request and waits (at most the timeout) for the response with its CSeq.
     *
     * @param namesAndValues extra header fields, as in {@link RtspHeaders#of(String...)}
     */
    Reply request(RtspMethod method, String target, String... namesAndValues) throws IOException, RtspParseException {
        if (handedOff) {
            throw new IllegalStateException("connection handed off to a receiver: use send()");
        }
        int sequence = ++cseq;
        ByteBuffer bytes = ByteBuffer.wrap(encode(method, target, sequence, namesAndValues));
        long start = System.nanoTime();
        while (bytes.hasRemaining()) {
            channel.write(bytes); // blocking mode: writes everything
        }
        long deadline = start + timeoutNanos;
        while (true) {
            for (RtspResponse r = responses.poll(); r != null; r = responses.poll()) {
                if (r.cseq().orElse(-1) == sequence) {
                    return new Reply(r, System.nanoTime() - start);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(method + ": no response within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            channel.socket().setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int n = in.read(readBuffer);
            if (n < 0) {
                throw new IOException(method + ": server closed the connection");
            }
            parser.feed(ByteBuffer.wrap(readBuffer, 0, n));
        }
    }

    /**
     * Turns the channel non-blocking for a receiver's selector; from now on responses go to the
     * media listener. Call once, from the handshake's thread, before registering the channel.
     */
    void handOff() throws IOException {
        handedOff = true;
        channel.configureBlocking(false);
    }

    /**
     * Writes a request on a handed-off channel without waiting for its response; returns when
     * the first byte went out ({@code System.nanoTime()}). Bounded by the timeout.
     */
    long send(RtspMethod method, String target, String... namesAndValues) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(encode(method, target, ++cseq, namesAndValues));
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException(method + ": could not write within the timeout");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return start;
    }

    private static byte[] encode(RtspMethod method, String target, int sequence, String... namesAndValues) {
        RtspHeaders headers = RtspHeaders.of(RtspHeaders.CSEQ, Integer.toString(sequence),
                RtspHeaders.USER_AGENT, USER_AGENT);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers = headers.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new RtspRequest(method, target, headers).encode();
    }

    @Override
    public void rtp(int sequence, boolean marker, int timestamp) {
        media.rtp(sequence, marker, timestamp);
    }

    @Override
    public void otherFrame(int channelId, int length) {
        media.otherFrame(channelId, length);
    }

    @Override
    public void response(RtspResponse response) {
        if (handedOff) {
            media.response(response);
        } else {
            responses.add(response);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
