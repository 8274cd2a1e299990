package dev.rill.server;

import dev.rill.server.tcp.TcpSends;
import dev.rill.spi.InterleavedFrame;
import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import dev.rill.spi.RtspMessage;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP connection, served by its own virtual thread with plain blocking reads. Holds no
 * session state beyond the list of sessions that live and die with it (classic and interleaved
 * ones). Every wait is bounded: a request must arrive within the request timeout once begun, the
 * first one within {@code limits.firstRequestSeconds} of the connection's start, and a connection
 * with no session that stays silent is closed.
 */
final class RtspConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RtspConnection.class);
    /**
     * How long a request without its closing blank line may rest before it counts as complete:
     * the course's clients send a whole request in one write and never send the blank line.
     */
    static final int CLASSIC_GRACE_MILLIS = 40;
    /** Read size once the connection carries a publisher's RTP. */
    private static final int PUBLISHER_READ_BYTES = 64 * 1024;

    private final Socket socket;
    /**
     * Closed instead of a TLS socket: closing that sends close_notify, which blocks on a writer
     * stuck behind a reader that reads nothing, and then on the full send buffer itself.
     */
    private final Socket tcp;
    private final ServerContext context;
    private final Dispatcher dispatcher;
    private final InetSocketAddress peer;
    private final InetSocketAddress local;
    private final InterleavedOutput output;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private volatile Publisher publisher;
    private final Runnable onFirstRequest;
    private final Runnable onClose;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Its timing from the moment it was accepted; touched by the connection's thread only. */
    private final ConnectionDeadlines deadlines;
    private boolean requested;
    private final long acceptedNanos = System.nanoTime();
    private volatile boolean handshaken;

    /**
     * @param onFirstRequest run once, when the first whole request has arrived (before it is served)
     * @param onClose        run once, when the connection has closed
     */
    RtspConnection(Socket socket, ServerContext context, Dispatcher dispatcher, Runnable onFirstRequest, Runnable onClose)
            throws IOException {
        this(socket, socket, context, dispatcher, TcpSends.none(), onFirstRequest, onClose);
    }

    /**
     * @param socket what requests are read from and media written to: {@code tcp} itself, or a TLS
     *               socket layered over it
     * @param tcp    the accepted TCP socket, closed at the end
     * @param sends  whether a plain connection's interleaved media may be sent by the senders directly
     */
    RtspConnection(Socket socket, Socket tcp, ServerContext context, Dispatcher dispatcher, TcpSends sends,
            Runnable onFirstRequest, Runnable onClose) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.context = context;
        this.dispatcher = dispatcher;
        this.onFirstRequest = onFirstRequest;
        this.onClose = onClose;
        this.peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        // A socket accepted from a channel (plain RTSP) writes media with gathering writes; TLS cannot.
        SocketChannel channel = socket.getChannel();
        this.output = new InterleavedOutput(socket.getOutputStream(), Optional.ofNullable(channel),
                channel == null ? Optional.empty() : sends.of(channel), peer.toString());
        ServerConfig.LimitsConfig limits = context.config().limits();
        this.deadlines = new ConnectionDeadlines(TimeUnit.SECONDS.toNanos(limits.requestTimeoutSeconds()),
                TimeUnit.SECONDS.toNanos(limits.idleConnectionSeconds()), TimeUnit.SECONDS.toNanos(limits.firstRequestSeconds()),
                System.nanoTime());
        socket.setTcpNoDelay(true);
    }

    InetSocketAddress peer() {
        return peer;
    }

    InetSocketAddress local() {
        return local;
    }

    /**
     * Sessions this connection set up and that are still alive. A connection with any is never
     * closed for being idle: a UDP client may keep its RTSP connection quiet while it plays.
     */
    int sessionCount() {
        return sessions.size();
    }

    void setUp(Session session) {
        sessions.add(session);
    }

    void forget(Session session) {
        sessions.remove(session);
    }

    /** The stream this connection publishes (after ANNOUNCE), if any. */
    Optional<Publisher> publisher() {
        return Optional.ofNullable(publisher);
    }

    void publish(Publisher p) {
        publisher = p;
    }

    /** {@code p} ended; called by it. */
    void unpublish(Publisher p) {
        if (publisher == p) {
            publisher = null;
        }
    }

    /** Sessions or a publisher keep a connection from being closed as idle. */
    private boolean busy() {
        return !sessions.isEmpty() || publisher != null;
    }

    /** A session is to carry its media in this connection (called on the connection's thread, at SETUP). */
    void carryMedia() {
        try {
            output.openDirect();
        } catch (IOException e) {
            LOG.debug("{}: interleaved media goes through the writer thread: {}", peer, e.toString());
        }
    }

    /** Queues a frame's {@code $}-framed RTP packets; never blocks the caller. */
    void queueMedia(ByteBuffer[] block, int length) {
        output.offer(block, length);
    }

    /** Queues an RTP or RTCP packet as a {@code $} frame; never blocks the caller. */
    void sendInterleaved(int channel, ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        output.offer(new InterleavedFrame(channel, bytes).encode());
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException e) {
            LOG.debug("{}: connection closed: {}", peer, e.toString());
        } catch (RuntimeException e) {
            LOG.error("{}: connection failed", peer, e);
        } finally {
            close();
        }
    }

    /** True on an RTSPS connection: media may only go interleaved in it, never as plain UDP. */
    boolean encrypted() {
        return socket instanceof SSLSocket;
    }

    private void serve() throws IOException {
        if (socket instanceof SSLSocket tls) {
            handshake(tls);
        }
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        InputStream in = socket.getInputStream();
        // Small: requests are short, the decoder gathers them, and there may be thousands of
        // connections; a publisher's, which carries its video, reads more at a time.
        byte[] buffer = new byte[2048];
        while (!tcp.isClosed()) {
            boolean classicPending = decoder.completableWhenIdle();
            long now = System.nanoTime();
            socket.setSoTimeout(classicPending ? CLASSIC_GRACE_MILLIS
                    : deadlines.readTimeoutMillis(now, decoder.buffered() > 0, busy(), output.stalledNanos(now),
                            output.carries()));
            if (publisher != null && buffer.length < PUBLISHER_READ_BYTES) {
                buffer = new byte[PUBLISHER_READ_BYTES];
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                if (classicPending) {
                    Optional<RtspMessage> message = idle(decoder);
                    if (message.isPresent()) {
                        handle(message.get());
                        deadlines.requestHandled(System.nanoTime());
                        continue;
                    }
                }
                now = System.nanoTime();
                Optional<ConnectionDeadlines.Expiry> expiry =
                        deadlines.expired(now, decoder.buffered() > 0, busy(), output.stalledNanos(now));
                if (expiry.isPresent()) {
                    expire(expiry.get(), decoder.buffered() > 0);
                    return;
                }
                continue;
            }
            if (n < 0) {
                Optional<RtspMessage> last = classicPending ? idle(decoder) : Optional.empty();
                if (last.isPresent()) {
                    handle(last.get());
                }
                return;
            }
            deadlines.bytesArrived(System.nanoTime(), decoder.buffered() == 0);
            try {
                decoder.feed(buffer, 0, n);
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    handle(m.get());
                    deadlines.requestHandled(System.nanoTime());
                }
            } catch (RtspParseException e) {
                reject(RtspResponse.error(e.status(), e.reason()));
                return;
            }
        }
    }

    /**
     * The TLS handshake, on this connection's own thread so a slow one holds nobody else up. It must
     * finish within {@code limits.firstRequestSeconds} of the connection's start: each read waits at
     * most that long, and a watchdog closes the socket when the whole handshake has taken longer (a
     * client trickling a byte at a time would otherwise renew every read's timeout).
     */
    private void handshake(SSLSocket tls) throws IOException {
        long left = deadlines.firstRequestTimeoutNanos() - (System.nanoTime() - acceptedNanos);
        int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        Thread watchdog = Thread.ofVirtual().name("rill-tls-handshake-" + peer).start(() -> {
            try {
                Thread.sleep(millis);
                if (!handshaken) {
                    LOG.debug("{}: TLS handshake not done within {} ms, closing", peer, millis);
                    tcp.close();
                }
            } catch (InterruptedException | IOException e) {
                // handshake done, or the socket is closed already
            }
        });
        try {
            tls.setSoTimeout(millis);
            tls.startHandshake();
            handshaken = true;
        } catch (IOException e) {
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        } finally {
            watchdog.interrupt();
        }
    }

    /** Acts on a passed deadline; the caller closes the connection. */
    private void expire(ConnectionDeadlines.Expiry expiry, boolean partialRequest) {
        switch (expiry) {
            case REQUEST_TIMEOUT -> reject(RtspResponse.error(RtspStatus.REQUEST_TIMEOUT, "request not complete after "
                    + TimeUnit.NANOSECONDS.toSeconds(deadlines.requestTimeoutNanos()) + " s"));
            case WRITE_STALL -> LOG.info("{}: has read nothing for {} s, closing", peer,
                    TimeUnit.NANOSECONDS.toSeconds(ConnectionDeadlines.WRITE_STALL_NANOS));
            case NO_REQUEST -> {
                // Debug only: a flood of silent connections would otherwise write a line each.
                String why = "no request within " + TimeUnit.NANOSECONDS.toSeconds(deadlines.firstRequestTimeoutNanos())
                        + " s (limits.firstRequestSeconds)";
                if (partialRequest) {
                    reject(RtspResponse.error(RtspStatus.REQUEST_TIMEOUT, why));
                } else {
                    LOG.debug("{}: {}, closing", peer, why);
                }
            }
            case IDLE -> LOG.debug("{}: idle for {} s with no session, closing", peer,
                    TimeUnit.NANOSECONDS.toSeconds(deadlines.idleTimeoutNanos()));
        }
    }

    private Optional<RtspMessage> idle(RtspDecoder decoder) throws IOException {
        try {
            return decoder.idle();
        } catch (RtspParseException e) {
            reject(RtspResponse.error(e.status(), e.reason()));
            tcp.close();
            return Optional.empty();
        }
    }

    private void handle(RtspMessage message) throws IOException {
        switch (message) {
            case RtspRequest request -> {
                if (!requested) {
                    requested = true;
                    deadlines.requestArrived();
                    onFirstRequest.run();
                }
                // Streams already playing come first (see AdmissionLane).
                try (AdmissionLane.Pass pass = context.admission().enter(request.method())) {
                    dispatcher.serve(request, this, output::writeNow);
                }
            }
            case InterleavedFrame frame -> onInterleaved(frame);
            case RtspResponse response -> LOG.debug("{}: ignoring a response from a client: {}", peer, response.status());
        }
    }

    /**
     * A publisher's RTP and RTCP go to it; RTCP from an interleaved viewer is read like RTCP over
     * UDP; anything else from a client is ignored.
     */
    private void onInterleaved(InterleavedFrame frame) {
        Publisher p = publisher;
        if (p != null && p.interleavedFrame(frame.channel(), frame.payload())) {
            return;
        }
        for (Session s : sessions) {
            if (s.target() instanceof RtpTarget.Interleaved tcp && tcp.rtcpChannel() == frame.channel()) {
                context.rtcp().received(frame.payload(), frame.payload().length, peer);
                return;
            }
        }
    }

    /** Answers a request that could not be parsed, then the caller closes. */
    private void reject(RtspResponse response) {
        LOG.info("{}: {} {}, closing", peer, response.status().code(), response.status().reason());
        try {
            output.writeNow(response.with("Connection", "close").encode());
        } catch (IOException e) {
            LOG.debug("{}: cannot send the rejection: {}", peer, e.toString());
        }
    }

    /** Ends the connection and every session bound to it. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long dropped = output.dropped();
        if (dropped > 0) {
            LOG.info("{}: {} interleaved blocks dropped for a reader that was too slow", peer, dropped);
        }
        output.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", peer, e.toString());
        }
        for (Session s : List.copyOf(sessions)) {
            if (s.owner().isPresent()) {
                s.end("connection closed");
            }
        }
        Publisher p = publisher;
        if (p != null) {
            p.end("connection closed");
        }
        onClose.run();
    }
}
