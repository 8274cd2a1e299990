package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writing half of an {@link RtspClient}'s connection: requests with the next CSeq in the
 * {@link RequestStyle}'s form, interleaved frames, answers to the server's requests. Each message
 * goes out in one write, under one lock, so that they never interleave. Thread-safe.
 */
final class RequestWriter {

    /** What was written: the request's CSeq and when its first byte went out ({@code System.nanoTime()}). */
    record Sent(int cseq, long nanos) {
    }

    static final String SENT = "C→S\n";
    /** Pause before retrying a write that a detached, non-blocking channel did not take. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SocketChannel channel;
    private final OutputStream tls;
    private final RtspClientOptions options;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private int cseq;

    RequestWriter(SocketChannel channel, RtspClientOptions options) {
        this(channel, null, options);
    }

    /** Writes to {@code tls} (the TLS socket over {@code channel}) when it is not null. */
    RequestWriter(SocketChannel channel, OutputStream tls, RtspClientOptions options) {
        this.channel = channel;
        this.tls = tls;
        this.options = options;
        this.timeoutNanos = options.timeout().toNanos();
    }

    /** Writes a request with the next CSeq, logged before it goes out so that the log shows it before its answer. */
    Sent request(RtspMethod method, String target, String[] namesAndValues) throws IOException {
        lock.lock();
        try {
            int sequence = cseq + 1;
            byte[] bytes = options.style().encode(method, target, headers(sequence, namesAndValues));
            cseq = sequence;
            options.exchangeLog().accept(SENT + new String(bytes, StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            writeFully(ByteBuffer.wrap(bytes), started);
            return new Sent(sequence, started);
        } finally {
            lock.unlock();
        }
    }

    /** Writes one {@code $} frame. */
    void frame(int channelId, byte[] packet) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(new InterleavedFrame(channelId, packet).encode());
        lock.lock();
        try {
            writeFully(frame, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Writes a response to a request of the server's. */
    void response(RtspResponse response) throws IOException {
        byte[] bytes = response.encode();
        lock.lock();
        try {
            options.exchangeLog().accept(SENT + new String(bytes, StandardCharsets.ISO_8859_1));
            writeFully(ByteBuffer.wrap(bytes), System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private RtspHeaders headers(int sequence, String[] namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values must alternate: " + namesAndValues.length + " strings");
        }
        RtspHeaders headers = RtspHeaders.of(RtspHeaders.CSEQ, Integer.toString(sequence));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers = headers.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        if (options.style() == RequestStyle.STANDARD && !options.userAgent().isEmpty()
                && !headers.contains(RtspHeaders.USER_AGENT)) {
            headers = headers.with(RtspHeaders.USER_AGENT, options.userAgent());
        }
        return headers;
    }

    /** Writes everything: a blocking channel takes it in one call, a detached one maybe bit by bit, until the timeout. */
    private void writeFully(ByteBuffer bytes, long started) throws IOException {
        if (tls != null) {
            tls.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            tls.flush();
            bytes.position(bytes.limit());
            return;
        }
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                if (System.nanoTime() - started > timeoutNanos) {
                    throw new SocketTimeoutException("could not write within " + options.timeout().toMillis() + " ms");
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }
}
