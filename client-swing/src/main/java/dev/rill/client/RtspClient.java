package dev.rill.client;

import dev.rill.spi.InterleavedFrame;
import dev.rill.wire.RtspDecoder;
import dev.rill.spi.RtspHeaders;
import dev.rill.wire.RtspLimits;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspMethod;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP connection to a server: requests out, responses matched to them by CSeq, and the
 * interleaved {@code $} frames (RTP and RTCP over TCP, RFC 2326 §10.12) handed to a listener.
 * A virtual thread reads; the caller's thread writes and waits, at most {@code timeout}.
 *
 * <p>In the classic dialect requests go out exactly as the course's client writes them (request
 * line and fields, CRLF, no blank line, in one write), and a reply that lacks its blank line is
 * taken as complete after {@link #CLASSIC_GRACE_MILLIS} without new bytes.
 */
final class RtspClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtspClient.class);
    /** Quiet time after which a classic reply without its blank line counts as complete. */
    static final int CLASSIC_GRACE_MILLIS = 100;
    /** Read poll while nothing is pending, so that close is noticed. */
    private static final int POLL_MILLIS = 500;
    private static final int RESPONSES_HELD = 4;
    static final String USER_AGENT = "Rill player";

    private final Socket socket;
    private final boolean classic;
    private final Duration timeout;
    private final Consumer<String> exchangeLog;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<RtspResponse> responses = new ArrayBlockingQueue<>(RESPONSES_HELD);
    private final Thread reader;
    private volatile Consumer<InterleavedFrame> interleaved = frame -> { };
    private volatile Consumer<String> onClosed = reason -> { };
    private volatile boolean closing;
    private int cseq;

    private RtspClient(Socket socket, boolean classic, Duration timeout, Consumer<String> exchangeLog)
            throws IOException {
        this.socket = socket;
        this.classic = classic;
        this.timeout = timeout;
        this.exchangeLog = exchangeLog;
        this.out = socket.getOutputStream();
        this.reader = Thread.ofVirtual().name("rill-rtsp-reader").unstarted(this::read);
    }

    /**
     * Connects within {@code timeout}.
     *
     * @param exchangeLog receives the text of every request and response, for the RTSP panel
     * @throws IOException saying which server could not be reached
     */
    static RtspClient connect(String host, int port, boolean classic, Duration timeout, Consumer<String> exchangeLog)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        RtspClient client = new RtspClient(socket, classic, timeout, exchangeLog);
        client.reader.start();
        return client;
    }

    /** Where interleaved frames go (set before PLAY). */
    void onInterleaved(Consumer<InterleavedFrame> listener) {
        this.interleaved = listener;
    }

    /** Called once when the server closes the connection or it fails, with the reason. */
    void onClosed(Consumer<String> listener) {
        this.onClosed = listener;
    }

    /** The local address of the connection: the one that reaches the server. */
    InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /** The server's address. */
    InetAddress serverAddress() {
        return socket.getInetAddress();
    }

    /**
     * Sends a request with the next CSeq (and a User-Agent in the standard dialect) and waits for
     * its response.
     *
     * @param fields header fields in order, names and values alternating
     * @throws IOException when the connection fails or no response comes within the timeout
     */
    RtspResponse request(String method, String target, String... fields) throws IOException {
        int sequence;
        byte[] bytes;
        writeLock.lock();
        try {
            sequence = ++cseq;
            bytes = encode(method, target, sequence, fields);
            responses.clear(); // answers to requests that timed out
            out.write(bytes);
            out.flush();
        } finally {
            writeLock.unlock();
        }
        exchangeLog.accept("C→S\n" + new String(bytes, StandardCharsets.ISO_8859_1));
        LOG.debug("sent {} {} CSeq {}", method, target, sequence);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            RtspResponse response;
            try {
                response = left <= 0 ? null : responses.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the reply to " + method, e);
            }
            if (response == null) {
                throw new IOException(closing || socket.isClosed() ? "the connection to the server is closed"
                        : "no reply to " + method + " within " + timeout.toMillis() + " ms");
            }
            if (response.cseq().isEmpty() || response.cseq().getAsInt() == sequence) {
                return response;
            }
            LOG.debug("skipping a reply with CSeq {} (waiting for {})", response.cseq().getAsInt(), sequence);
        }
    }

    private byte[] encode(String method, String target, int sequence, String[] fields) {
        RtspHeaders headers = RtspHeaders.of(RtspHeaders.CSEQ, Integer.toString(sequence));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            headers = headers.with(fields[i], fields[i + 1]);
        }
        if (!classic) {
            return new RtspRequest(RtspMethod.valueOf(method), target,
                    headers.with(RtspHeaders.USER_AGENT, USER_AGENT)).encode();
        }
        // The course's client: request line and fields, CRLF each, no blank line.
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" RTSP/1.0\r\n");
        for (Map.Entry<String, String> field : headers.fields()) {
            text.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends one interleaved frame (RTCP on the odd channel); false when the connection is gone. */
    boolean sendInterleaved(int channel, byte[] packet) {
        byte[] frame = new InterleavedFrame(channel, packet).encode();
        writeLock.lock();
        try {
            out.write(frame);
            out.flush();
            return true;
        } catch (IOException e) {
            LOG.debug("cannot send interleaved frame: {}", e.toString());
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    private void read() {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        byte[] buffer = new byte[16 * 1024];
        String reason = "the server closed the connection";
        try (InputStream in = socket.getInputStream()) {
            while (!closing) {
                boolean pending = classic && decoder.completableWhenIdle();
                socket.setSoTimeout(pending ? CLASSIC_GRACE_MILLIS : POLL_MILLIS);
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (pending) {
                        decoder.idle().ifPresent(this::dispatch);
                    }
                    continue;
                }
                if (n < 0) {
                    if (classic) {
                        decoder.idle().ifPresent(this::dispatch); // the Python server's last reply has no line end
                    }
                    break;
                }
                decoder.feed(buffer, 0, n);
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    dispatch(m.get());
                }
            }
        } catch (RtspParseException e) {
            reason = "the server sent something that is not RTSP (" + e.getMessage() + ")";
        } catch (IOException e) {
            reason = "the connection to the server failed: " + e.getMessage();
        }
        if (!closing) {
            LOG.debug("RTSP connection ended: {}", reason);
            closeQuietly();
            onClosed.accept(reason);
        }
    }

    private void dispatch(RtspMessage message) {
        switch (message) {
            case InterleavedFrame frame -> interleaved.accept(frame);
            case RtspResponse response -> {
                exchangeLog.accept("S→C\n" + new String(response.encode(), StandardCharsets.ISO_8859_1));
                while (!responses.offer(response)) {
                    responses.poll(); // nobody waits for the oldest: it answered a request that timed out
                }
            }
            case RtspRequest request -> answerServerRequest(request);
        }
    }

    /** Servers may send requests too (RFC 2326 §10); this player implements none of them. */
    private void answerServerRequest(RtspRequest request) {
        exchangeLog.accept("S→C\n" + new String(request.encode(), StandardCharsets.ISO_8859_1));
        RtspResponse reply = RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
        if (request.cseq().isPresent()) {
            reply = reply.with(RtspHeaders.CSEQ, Integer.toString(request.cseq().getAsInt()));
        }
        byte[] bytes = reply.encode();
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            LOG.debug("cannot answer the server's {}: {}", request.method(), e.toString());
        } finally {
            writeLock.unlock();
        }
    }

    /** True while the connection is open. */
    boolean isOpen() {
        return !closing && !socket.isClosed();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly();
    }
}
