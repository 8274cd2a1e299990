package dev.rill.bench;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import dev.rill.wire.RtspParseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publisher's RTSP connection: requests with a body (ANNOUNCE's SDP, which rill-wire's
 * client does not send) written by hand in the RFC 2326 form, responses read by one virtual
 * thread with rill-wire's {@link RtspDecoder} (RTCP the server sends on the interleaved channels
 * is counted and dropped), and {@code $} frames written in between. One lock orders writes, so a
 * request never lands inside a frame; one request at a time.
 */
final class PublishConnection implements AutoCloseable {

    /** Responses kept for a waiting request; older ones answered requests that timed out. */
    private static final int RESPONSES_HELD = 4;
    private static final int READ_BUFFER = 16 * 1024;

    private final SocketChannel channel;
    private final long timeoutNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<RtspResponse> responses = new ArrayBlockingQueue<>(RESPONSES_HELD);
    private final AtomicLong framesIn = new AtomicLong();
    private final Thread reader;
    private volatile Optional<String> ended = Optional.empty();
    private int cseq;

    private PublishConnection(SocketChannel channel, long timeoutNanos) {
        this.channel = channel;
        this.timeoutNanos = timeoutNanos;
        this.reader = Thread.ofVirtual().name("rill-bench-publish-reader").unstarted(this::read);
    }

    static PublishConnection connect(InetSocketAddress server, long timeoutNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(server, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
            channel.socket().setTcpNoDelay(true);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        PublishConnection c = new PublishConnection(channel, timeoutNanos);
        c.reader.start();
        return c;
    }

    /**
     * Sends a request and waits at most the timeout for the response with its CSeq.
     *
     * @param body           sent with its Content-Type (the first pair of {@code namesAndValues}
     *                       names it) and Content-Length; empty for none
     * @param namesAndValues header fields in order, names and values alternating
     */
    RtspResponse request(RtspMethod method, String target, byte[] body, String... namesAndValues) throws IOException {
        int sequence = ++cseq;
        StringBuilder sb = new StringBuilder(256).append(method.name()).append(' ').append(target).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(sequence).append("\r\nUser-Agent: ").append(RtspControl.USER_AGENT).append("\r\n");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            sb.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append("\r\n");
        }
        if (body.length > 0) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        responses.clear();
        write(ByteBuffer.wrap(head), ByteBuffer.wrap(body));
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = deadline - System.nanoTime();
            RtspResponse r;
            try {
                r = left > 0 ? responses.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the " + method.name() + " reply");
            }
            if (r == null) {
                throw new IOException("no " + method.name() + " reply within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                        + " ms" + ended.map(why -> " (" + why + ")").orElse(""));
            }
            if (r.cseq().isEmpty() || r.cseq().getAsInt() == sequence) {
                return r;
            }
        }
    }

    /** Writes {@code buffers} whole, blocking; with the other writes ordered by one lock. */
    void write(ByteBuffer... buffers) throws IOException {
        writeLock.lock();
        try {
            long left = 0;
            for (ByteBuffer b : buffers) {
                left += b.remaining();
            }
            while (left > 0) {
                left -= channel.write(buffers);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The local address of the connection: where a UDP publisher binds its ports. */
    InetAddress localAddress() {
        return channel.socket().getLocalAddress();
    }

    /** Interleaved frames the server sent (RTCP receiver reports), dropped. */
    long framesIn() {
        return framesIn.get();
    }

    /** Why the server's side ended, if it did. */
    Optional<String> ended() {
        return ended;
    }

    private void read() {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        try {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    ended = Optional.of("the server closed the connection");
                    return;
                }
                decoder.feed(buffer.array(), 0, n);
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    switch (m.get()) {
                        case RtspResponse r -> {
                            if (!responses.offer(r)) {
                                responses.poll();
                                responses.offer(r);
                            }
                        }
                        case InterleavedFrame f -> framesIn.incrementAndGet();
                        default -> { } // a request from the server (RFC 2326 §10): none is needed here
                    }
                }
            }
        } catch (IOException | RtspParseException e) {
            if (channel.isOpen()) {
                ended = Optional.of(e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing at the end: nothing left to do
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
