package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP connection to a server, the client's side: requests out with the next CSeq, each
 * answered by the response with the same CSeq (RFC 2326 §12.17) within the timeout, and the
 * interleaved {@code $} frames (RTP and RTCP over TCP, §10.12) handed to a listener. The player,
 * the load generator and the server's tests all speak RTSP through it.
 *
 * <p>Who reads ({@link RtspClientOptions#readerThread()}): by default a virtual thread reads all
 * the time, so frames flow while nobody waits, and the thread that calls {@link #request} writes
 * and waits. Without one, {@link #request} reads on its caller's thread until its response has
 * come (frames that come first go to the listener from there) and nothing reads in between: no
 * thread per connection, and the connection can be {@linkplain #detach() handed on} to a reader
 * of the caller's own with the bytes read past the last response.
 *
 * <p>With a classic {@link RequestStyle}, a reply that lacks its blank line counts as complete
 * after {@link RtspClientOptions#classicGrace()} without new bytes. Requests from the server
 * (RFC 2326 §10) are answered 501 Not Implemented. One request at a time: a request skips the
 * responses that are not its own.
 */
public final class RtspClient implements AutoCloseable {

    /** RFC 2326 §3.2: the port of an {@code rtsp://} URL that names none. */
    public static final int DEFAULT_PORT = 554;
    /** RFC 7826 §19.2: the port of an {@code rtsps://} URL that names none. */
    public static final int DEFAULT_TLS_PORT = 322;

    private static final Logger LOG = LoggerFactory.getLogger(RtspClient.class);
    private static final String RECEIVED = "S→C\n";
    /** How often a reader thread or a waiting request looks whether the connection has ended. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Responses kept for a waiting request; older ones answered requests that timed out. */
    private static final int RESPONSES_HELD = 4;

    /**
     * A response and how it came.
     *
     * @param response       the response, decoded
     * @param text           its bytes as they arrived (ISO-8859-1), without blank lines before it
     * @param roundTripNanos from the request's first byte written to its response read and decoded
     */
    public record Reply(RtspResponse response, String text, long roundTripNanos) {
    }

    /**
     * A connection handed on: its channel, now non-blocking, and the bytes read from it that no
     * message took (the start of the next frame or response), which its new reader reads first.
     */
    public record Detached(SocketChannel channel, byte[] unread) {
    }

    private record Arrival(RtspResponse response, String text, long nanos) {
    }

    private final SocketChannel channel;
    /** The channel's socket, or the TLS socket over it for {@code rtsps://}. */
    private final Socket socket;
    private final RtspClientOptions options;
    private final long timeoutNanos;
    private final MessageReader reader;
    private final RequestWriter writer;
    private final ReentrantLock readLock = new ReentrantLock();
    private final BlockingQueue<Arrival> responses = new ArrayBlockingQueue<>(RESPONSES_HELD);
    private volatile Consumer<InterleavedFrame> interleaved = frame -> { };
    private volatile Consumer<String> onClosed = reason -> { };
    private volatile Optional<String> session = Optional.empty();
    /** Why the connection ended, other than by {@link #close}; empty while it lasts. */
    private volatile Optional<String> ended = Optional.empty();
    private volatile boolean closing;
    private volatile boolean detached;

    private RtspClient(SocketChannel channel, Socket socket, RtspClientOptions options) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.options = options;
        this.timeoutNanos = options.timeout().toNanos();
        this.reader = new MessageReader(socket, options.style().classic(), options.classicGrace());
        this.writer = socket instanceof SSLSocket tls ? new RequestWriter(channel, tls.getOutputStream(), options)
                : new RequestWriter(channel, options);
    }

    /** Connects to {@code host:port} within the timeout; with a reader thread, it is running when this returns. */
    public static RtspClient connect(String host, int port, RtspClientOptions options) throws IOException {
        return connect(new InetSocketAddress(host, port), options);
    }

    /**
     * Connects to the server of an {@code rtsp://} URL (port {@value #DEFAULT_PORT} when it names
     * none), or of an {@code rtsps://} one over TLS (port {@value #DEFAULT_TLS_PORT}), verifying the
     * server's certificate and name against the JDK's trust store.
     */
    public static RtspClient connect(URI url, RtspClientOptions options) throws IOException {
        try {
            return connect(url, options, SSLContext.getDefault(), true);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this Java runtime: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #connect(URI, RtspClientOptions)}, an {@code rtsps://} URL with {@code tls}'s trust;
     * with {@code checkHostName} false the certificate need not name the host.
     */
    public static RtspClient connect(URI url, RtspClientOptions options, SSLContext tls, boolean checkHostName)
            throws IOException {
        boolean secure = "rtsps".equalsIgnoreCase(url.getScheme());
        if ((!secure && !"rtsp".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("not an rtsp:// or rtsps:// URL with a host: " + url);
        }
        int port = url.getPort() >= 0 ? url.getPort() : secure ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        InetSocketAddress server = new InetSocketAddress(url.getHost(), port);
        return secure ? connect(server, options, Optional.of(new Tls(tls, checkHostName))) : connect(server, options);
    }

    private record Tls(SSLContext context, boolean checkHostName) {
    }

    /**
     * Connects within the timeout.
     *
     * @throws IOException saying which server could not be reached
     */
    public static RtspClient connect(InetSocketAddress server, RtspClientOptions options) throws IOException {
        return connect(server, options, Optional.empty());
    }

    private static RtspClient connect(InetSocketAddress server, RtspClientOptions options, Optional<Tls> tls)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        RtspClient client;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (options.receiveBuffer() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
            }
            channel.socket().connect(server, MessageReader.millis(options.timeout().toNanos()));
            Socket socket = channel.socket();
            if (tls.isPresent()) {
                socket = handshake(channel, server, options, tls.get());
            }
            client = new RtspClient(channel, socket, options);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + server.getHostString() + ":" + server.getPort() + ": "
                    + e.getMessage(), e);
        }
        client.start();
        return client;
    }

    /** TLS over the connected channel, the handshake bounded by the timeout. */
    private static SSLSocket handshake(SocketChannel channel, InetSocketAddress server, RtspClientOptions options, Tls tls)
            throws IOException {
        SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(channel.socket(),
                server.getHostString(), server.getPort(), true);
        if (tls.checkHostName()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        socket.setSoTimeout(MessageReader.millis(options.timeout().toNanos()));
        try {
            socket.startHandshake();
        } catch (IOException e) {
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        }
        return socket;
    }

    private void start() {
        if (options.readerThread()) {
            Thread.ofVirtual().name("rill-rtsp-reader").start(this::readUntilEnd);
        }
    }

    /** Where interleaved frames go; set it before PLAY. */
    public void onInterleaved(Consumer<InterleavedFrame> listener) {
        this.interleaved = listener;
    }

    /**
     * Called once, with the reason, when the server closes the connection or it fails (not after
     * {@link #close}): from the reader thread, or without one from the request that found out.
     */
    public void onClosed(Consumer<String> listener) {
        this.onClosed = listener;
    }

    /**
     * Sends a request with the next CSeq (and, standard, the User-Agent) and waits at most the
     * timeout for its response.
     *
     * @param namesAndValues header fields in order, names and values alternating
     * @throws IOException when the connection fails, the server sends what is not RTSP, or no
     *                     response comes within the timeout
     */
    public RtspResponse request(RtspMethod method, String target, String... namesAndValues) throws IOException {
        return exchange(method, target, namesAndValues).response();
    }

    /** As {@link #request}, with the response's text and the round trip. */
    public Reply exchange(RtspMethod method, String target, String... namesAndValues) throws IOException {
        if (detached) {
            throw new IllegalStateException("the connection was detached: its new reader gets the responses");
        }
        requireOpen();
        responses.clear(); // answers to requests that timed out
        RequestWriter.Sent sent = writer.request(method, target, namesAndValues);
        long deadline = sent.nanos() + timeoutNanos;
        while (true) {
            Arrival a = options.readerThread() ? awaitResponse(deadline, method) : readResponse(deadline, method);
            if (a.response().cseq().isEmpty() || a.response().cseq().getAsInt() == sent.cseq()) {
                track(method, a.response());
                return new Reply(a.response(), a.text(), a.nanos() - sent.nanos());
            }
            LOG.debug("skipping a reply with CSeq {} (waiting for {})", a.response().cseq().getAsInt(), sent.cseq());
        }
    }

    /**
     * Sends a request and does not wait for its response: after {@link #detach()} the new reader
     * gets it; before, it is dropped. A write that a detached channel does not take at once is
     * retried until the timeout.
     *
     * @return the request's CSeq
     */
    public int send(RtspMethod method, String target, String... namesAndValues) throws IOException {
        requireOpen();
        return writer.request(method, target, namesAndValues).cseq();
    }

    /** Sends one interleaved frame (RTCP on the odd channel); false when the connection is gone. */
    public boolean sendInterleaved(int channelId, byte[] packet) {
        try {
            writer.frame(channelId, packet);
            return true;
        } catch (IOException e) {
            LOG.debug("cannot send interleaved frame: {}", e.toString());
            return false;
        }
    }

    /**
     * Hands the connection on to a reader of the caller's own (a selector): the channel turns
     * non-blocking and this client reads no more; {@link #send} and {@link #close} still work. The
     * messages already complete are passed on first (frames to the listener).
     *
     * @throws IllegalStateException with a reader thread, or when already detached
     */
    public Detached detach() throws IOException {
        if (options.readerThread()) {
            throw new IllegalStateException("a reader thread owns this connection: connect without one to detach it");
        }
        if (socket instanceof SSLSocket) {
            throw new IllegalStateException("an rtsps:// connection cannot be detached: its bytes are encrypted");
        }
        readLock.lock();
        try {
            if (detached) {
                throw new IllegalStateException("already detached");
            }
            try {
                reader.drain(this::dispatch);
            } catch (RtspParseException e) {
                throw notRtsp(e);
            }
            channel.configureBlocking(false); // waits for a write in progress
            detached = true;
            return new Detached(channel, reader.unread());
        } finally {
            readLock.unlock();
        }
    }

    /** The session id that the latest successful reply named (RFC 2326 §12.37); empty after a TEARDOWN. */
    public Optional<String> session() {
        return session;
    }

    /** The local address of the connection: the one that reaches the server. */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /** The server's address. */
    public InetAddress serverAddress() {
        return socket.getInetAddress();
    }

    /** The receive buffer the system granted the connection, bytes. */
    public int receiveBufferSize() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    /** Bytes read from the server so far (by this client; not by a reader it was detached to). */
    public long bytesReceived() {
        return reader.received();
    }

    /** True while the connection is open. */
    public boolean isOpen() {
        return !closing && ended.isEmpty() && channel.isOpen();
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly();
    }

    /** With a reader thread: waits for it to queue a response. */
    private Arrival awaitResponse(long deadline, RtspMethod method) throws IOException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw noReply(method);
            }
            Arrival a;
            try {
                a = responses.poll(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the reply to " + method);
            }
            if (a != null) {
                return a;
            }
            requireOpen();
        }
    }

    /** Without a reader thread: reads on this one until a response has come. */
    private Arrival readResponse(long deadline, RtspMethod method) throws IOException {
        readLock.lock();
        try {
            while (true) {
                Arrival a = responses.poll();
                if (a != null) {
                    return a;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw noReply(method);
                }
                boolean open;
                try {
                    open = reader.readOnce(left, this::dispatch);
                } catch (RtspParseException e) {
                    IOException failure = notRtsp(e);
                    end(failure.getMessage());
                    throw failure;
                }
                if (!open) {
                    a = responses.poll(); // the Python server's last reply, completed by the close
                    if (a != null) {
                        return a;
                    }
                    end("the server closed the connection");
                    requireOpen();
                }
            }
        } catch (IOException e) {
            if (!closing && ended.isEmpty() && !(e instanceof SocketTimeoutException)) {
                end("the connection to the server failed: " + e.getMessage());
            }
            throw e;
        } finally {
            readLock.unlock();
        }
    }

    private void readUntilEnd() {
        String reason = "the server closed the connection";
        try {
            while (!closing && reader.readOnce(POLL_NANOS, this::dispatch)) {
                // each round passes on what came
            }
        } catch (RtspParseException e) {
            reason = notRtsp(e).getMessage();
        } catch (IOException e) {
            reason = "the connection to the server failed: " + e.getMessage();
        }
        if (!closing) {
            end(reason);
        }
    }

    private void end(String reason) {
        LOG.debug("RTSP connection ended: {}", reason);
        ended = Optional.of(reason);
        closeQuietly();
        onClosed.accept(reason);
    }

    private void dispatch(RtspMessage message, String text) {
        switch (message) {
            case InterleavedFrame frame -> interleaved.accept(frame);
            case RtspResponse response -> {
                options.exchangeLog().accept(RECEIVED + text);
                Arrival arrival = new Arrival(response, text, System.nanoTime());
                while (!responses.offer(arrival)) {
                    responses.poll(); // nobody waits for the oldest: it answered a request that timed out
                }
            }
            case RtspRequest request -> answerServerRequest(request, text);
        }
    }

    /** Servers may send requests too (RFC 2326 §10: OPTIONS, ANNOUNCE, ...); this client implements none. */
    private void answerServerRequest(RtspRequest request, String text) {
        options.exchangeLog().accept(RECEIVED + text);
        RtspResponse reply = RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
        if (request.cseq().isPresent()) {
            reply = reply.with(RtspHeaders.CSEQ, Integer.toString(request.cseq().getAsInt()));
        }
        try {
            writer.response(reply);
        } catch (IOException e) {
            LOG.debug("cannot answer the server's {}: {}", request.method(), e.toString());
        }
    }

    private void track(RtspMethod method, RtspResponse response) {
        if (!response.status().isSuccess()) {
            return;
        }
        if (method.equals(RtspMethod.TEARDOWN)) {
            session = Optional.empty();
            return;
        }
        Optional<String> value = response.headers().first(RtspHeaders.SESSION);
        if (value.isPresent()) {
            try {
                session = Optional.of(SessionHeader.parse(value.get()).id());
            } catch (IllegalArgumentException e) {
                LOG.debug("ignoring a malformed Session header: {}", e.getMessage());
            }
        }
    }

    private void requireOpen() throws IOException {
        if (closing || !channel.isOpen()) {
            throw new IOException("the connection to the server is closed");
        }
        if (ended.isPresent()) {
            throw new IOException(ended.get());
        }
    }

    private IOException noReply(RtspMethod method) {
        return new SocketTimeoutException("no reply to " + method + " within " + options.timeout().toMillis() + " ms");
    }

    private static IOException notRtsp(RtspParseException e) {
        return new IOException("the server sent something that is not RTSP (" + e.getMessage() + ")", e);
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
