package dev.rill.plugin.rtsppull;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.wire.PortRange;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import dev.rill.wire.SessionDescription;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP session with the upstream, on one connection (RFC 2326): OPTIONS (does it take
 * GET_PARAMETER?), DESCRIBE (the JPEG stream and its control URL), SETUP over UDP or
 * interleaved TCP, PLAY; then keep-alives, receiver reports and a TEARDOWN at the end. Every
 * request answered 401 is sent once more with the URL's credentials ({@link Authenticator}).
 * Received packets go to a {@link Receiver} from the thread that read them: for UDP one virtual
 * thread per socket, for TCP the RTSP client's reader. Requests are made by one thread, the
 * source's supervisor; {@link #close} may come from any.
 */
final class UpstreamSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);

    /** RFC 2326 §12.37: the session timeout when the Session header names none. */
    static final int DEFAULT_SESSION_TIMEOUT_SECONDS = 60;
    /** The largest UDP datagram. */
    static final int MAX_DATAGRAM = 65_536;
    /** How often a UDP reader looks whether its session has closed. */
    static final int SOCKET_POLL_MILLIS = 200;
    /** Tries at an even RTP port with the next one free for RTCP. */
    static final int PORT_PAIR_TRIES = 50;
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String AUTHORIZATION = "Authorization";

    /** Where received packets go; called from the reading thread, not concurrently for one kind. */
    interface Receiver {
        void rtp(byte[] bytes, int offset, int length);

        void rtcp(byte[] bytes, int offset, int length);
    }

    /** The upstream answered SETUP over UDP with 461 Unsupported Transport. */
    static final class UdpRefused extends IOException {
        UdpRefused(String message) {
            super(message);
        }
    }

    /** The upstream answered a request with an error status (not 401, which is answered with credentials). */
    static final class Refused extends IOException {
        private final RtspStatus status;

        Refused(String message, RtspStatus status) {
            super(message);
            this.status = status;
        }

        RtspStatus status() {
            return status;
        }
    }

    private final UpstreamUrl url;
    private final RtspClient client;
    private final Optional<Authenticator> authenticator;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private volatile boolean closed;
    private volatile Optional<String> closedReason = Optional.empty();
    private boolean getParameter;
    private String aggregateUrl;
    private String setupUrl;
    private Optional<String> session = Optional.empty();
    private int sessionTimeoutSeconds = DEFAULT_SESSION_TIMEOUT_SECONDS;
    private SessionDescription description;
    private Optional<InetSocketAddress> rtcpDestination = Optional.empty();
    private int rtcpChannel = 1;

    private UpstreamSession(UpstreamUrl url, RtspClient client) {
        this.url = url;
        this.client = client;
        this.aggregateUrl = url.target().toString();
        this.authenticator = url.credentials().map(c -> new Authenticator(c,
                () -> UUID.randomUUID().toString().replace("-", "").substring(0, 16)));
        client.onClosed(reason -> closedReason = Optional.of(reason));
    }

    /** Connects; nothing is asked yet. */
    static UpstreamSession connect(UpstreamUrl url, Duration requestTimeout) throws IOException {
        return connect(url, requestTimeout, Optional.empty());
    }

    /**
     * Connects; an {@code rtsps://} upstream over TLS, its certificate checked against the JDK's
     * trust store, or, with {@code anyCertificate}, against that context (names unchecked).
     */
    static UpstreamSession connect(UpstreamUrl url, Duration requestTimeout, Optional<SSLContext> anyCertificate)
            throws IOException {
        RtspClientOptions options = RtspClientOptions.of(RequestStyle.STANDARD)
                .withTimeout(requestTimeout).withUserAgent("Rill rtsp-pull");
        RtspClient client = url.secure() && anyCertificate.isPresent()
                ? RtspClient.connect(url.target(), options, anyCertificate.get(), false)
                : RtspClient.connect(url.target(), options);
        return new UpstreamSession(url, client);
    }

    /**
     * OPTIONS and DESCRIBE: the first video stream, which must be JPEG at 90 kHz (RFC 2435:
     * payload type 26, or a dynamic one mapped to JPEG).
     */
    SessionDescription describe() throws IOException {
        String target = url.target().toString();
        RtspResponse options = request(RtspMethod.OPTIONS, target);
        if (options.status().isSuccess()) {
            getParameter = options.headers().first(RtspHeaders.PUBLIC)
                    .map(p -> Arrays.stream(p.split(",")).map(String::strip).anyMatch("GET_PARAMETER"::equals))
                    .orElse(false);
        }
        RtspResponse reply = check("DESCRIBE", request(RtspMethod.DESCRIBE, target, RtspHeaders.ACCEPT,
                "application/sdp"));
        String type = reply.headers().first(RtspHeaders.CONTENT_TYPE).orElse("application/sdp");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            throw new IOException("DESCRIBE answered with " + type + ", not an SDP");
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(reply.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("the upstream's SDP: " + e.getMessage(), e);
        }
        if (!sdp.encoding().equals("JPEG") || sdp.clockRate() != 90_000) {
            throw new IOException("the upstream's video is " + sdp.encoding() + "/" + sdp.clockRate()
                    + " (payload type " + sdp.payloadType() + "), not JPEG/90000");
        }
        String base = reply.headers().first(RtspHeaders.CONTENT_BASE)
                .or(() -> reply.headers().first("Content-Location")).orElse(target);
        this.description = sdp;
        this.aggregateUrl = sdp.sessionControl().isPresent() ? sdp.aggregateUrl(base) : target;
        this.setupUrl = sdp.setupUrl(base);
        return sdp;
    }

    /**
     * SETUP and PLAY; packets then flow to {@code receiver}.
     *
     * @param tcp true: interleaved on this connection; false: UDP to a port pair bound here
     * @throws UdpRefused when the upstream answers a UDP SETUP with 461
     */
    void play(boolean tcp, Receiver receiver) throws IOException {
        if (description == null) {
            throw new IllegalStateException("DESCRIBE first");
        }
        Transport asked;
        DatagramSocket rtp = null;
        DatagramSocket rtcp = null;
        if (tcp) {
            asked = Transport.tcp(new PortRange(0, 1));
            client.onInterleaved(frame -> {
                if (frame.channel() == rtcpChannel) {
                    receiver.rtcp(frame.payload(), 0, frame.payload().length);
                } else if (frame.channel() == rtcpChannel - 1) {
                    receiver.rtp(frame.payload(), 0, frame.payload().length);
                }
            });
        } else {
            DatagramSocket[] pair = portPair(client.serverAddress());
            rtp = pair[0];
            rtcp = pair[1];
            asked = Transport.udp(new PortRange(rtp.getLocalPort(), rtcp.getLocalPort()));
        }
        RtspResponse reply = request(RtspMethod.SETUP, setupUrl, RtspHeaders.TRANSPORT, asked.format());
        if (!tcp && reply.status().equals(RtspStatus.UNSUPPORTED_TRANSPORT)) {
            throw new UdpRefused("the upstream refused UDP: " + reply.status());
        }
        check("SETUP", reply);
        SessionHeader header;
        try {
            header = SessionHeader.parse(reply.headers().first(RtspHeaders.SESSION)
                    .orElseThrow(() -> new IOException("the reply to SETUP has no Session header")));
        } catch (IllegalArgumentException e) {
            throw new IOException("the reply to SETUP has a malformed Session header: " + e.getMessage(), e);
        }
        session = Optional.of(header.id());
        sessionTimeoutSeconds = header.timeoutSeconds().orElse(DEFAULT_SESSION_TIMEOUT_SECONDS);
        Optional<Transport> chosen = reply.headers().first(RtspHeaders.TRANSPORT).flatMap(UpstreamSession::transport);
        if (chosen.isPresent() && chosen.get().isTcp() != tcp) {
            throw new IOException("the upstream chose " + chosen.get().format() + " instead of " + asked.format());
        }
        if (tcp) {
            chosen.flatMap(Transport::interleaved).ifPresent(ch -> rtcpChannel = ch.first() + 1);
        } else {
            InetAddress server = client.serverAddress();
            rtcpDestination = chosen.flatMap(Transport::serverPort)
                    .map(p -> new InetSocketAddress(server, p.isSingle() ? p.first() + 1 : p.last()));
            DatagramSocket rtpSocket = rtp;
            DatagramSocket rtcpSocket = rtcp;
            Thread.ofVirtual().name("rtsp-pull-rtp").start(() -> readUdp(rtpSocket, receiver, true));
            Thread.ofVirtual().name("rtsp-pull-rtcp").start(() -> readUdp(rtcpSocket, receiver, false));
        }
        check("PLAY", request(RtspMethod.PLAY, aggregateUrl, RtspHeaders.SESSION, header.id()));
    }

    /**
     * GET_PARAMETER when the upstream's Public lists it, else OPTIONS (RFC 2326 §10.8). Any
     * answer keeps the session alive but 454 Session Not Found, which says it has ended.
     */
    void keepAlive() throws IOException {
        RtspMethod method = getParameter ? RtspMethod.GET_PARAMETER : RtspMethod.OPTIONS;
        RtspResponse reply = request(method, aggregateUrl, RtspHeaders.SESSION, session.orElseThrow());
        if (reply.status().code() == RtspStatus.SESSION_NOT_FOUND.code()) {
            throw new IOException("the upstream ended the session: " + method + " was answered " + reply.status());
        }
        if (!reply.status().isSuccess()) {
            LOG.debug("{}: keep-alive {} answered {}", url.redacted(), method, reply.status());
        }
    }

    /** Sends an RTCP compound packet to the upstream: the RTCP port, or the odd channel. */
    void sendRtcp(byte[] packet) {
        if (!sockets.isEmpty()) {
            rtcpDestination.ifPresent(to -> {
                try {
                    sockets.get(1).send(new DatagramPacket(packet, packet.length, to));
                } catch (IOException e) {
                    LOG.debug("cannot send RTCP to {}: {}", to, e.toString());
                }
            });
        } else {
            client.sendInterleaved(rtcpChannel, packet);
        }
    }

    /** Seconds the upstream keeps an idle session (its Session {@code timeout}, default 60). */
    int sessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    /** Whether the RTSP connection is still up. */
    boolean isOpen() {
        return !closed && client.isOpen();
    }

    /** Why the upstream closed the connection, when it did. */
    String closedReason() {
        return closedReason.orElse("the connection was closed");
    }

    /**
     * Ends the session: a TEARDOWN sent without waiting for its answer (the connection closes
     * right after, which ends the session at any server that missed it), then the connection and
     * the UDP sockets. Idempotent; any thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<String> id = session;
        if (id.isPresent() && client.isOpen()) {
            try {
                client.send(RtspMethod.TEARDOWN, aggregateUrl, fields(RtspMethod.TEARDOWN, aggregateUrl,
                        RtspHeaders.SESSION, id.get()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("TEARDOWN to {}: {}", url.redacted(), e.toString());
            }
        }
        client.close();
        synchronized (sockets) {
            sockets.forEach(DatagramSocket::close);
        }
    }

    private RtspResponse request(RtspMethod method, String target, String... namesAndValues) throws IOException {
        RtspResponse reply = client.request(method, target, fields(method, target, namesAndValues));
        if (reply.status().code() != RtspStatus.UNAUTHORIZED.code()) {
            return reply;
        }
        if (authenticator.isEmpty()) {
            throw new IOException(method + " was answered 401 Unauthorized, and the url has no user:password@");
        }
        if (!authenticator.get().challenged(reply.headers().all(WWW_AUTHENTICATE))) {
            throw new IOException(method + " was answered 401 with no challenge this client can answer (Basic,"
                    + " Digest MD5): " + reply.headers().all(WWW_AUTHENTICATE));
        }
        reply = client.request(method, target, fields(method, target, namesAndValues));
        if (reply.status().code() == RtspStatus.UNAUTHORIZED.code()) {
            throw new IOException("the upstream refused the credentials of user '"
                    + url.credentials().orElseThrow().user() + "' (" + authenticator.get().scheme().orElse("?")
                    + "): 401 again");
        }
        return reply;
    }

    private String[] fields(RtspMethod method, String target, String... namesAndValues) {
        Optional<String> authorization = authenticator.flatMap(a -> a.authorization(method.name(), target));
        if (authorization.isEmpty()) {
            return namesAndValues;
        }
        String[] out = Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
        out[namesAndValues.length] = AUTHORIZATION;
        out[namesAndValues.length + 1] = authorization.get();
        return out;
    }

    private static RtspResponse check(String what, RtspResponse reply) throws IOException {
        if (!reply.status().isSuccess()) {
            throw new Refused(what + " was answered " + reply.status(), reply.status());
        }
        return reply;
    }

    private static Optional<Transport> transport(String value) {
        try {
            return Optional.of(Transport.parseList(value).get(0));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * An even RTP port and the next for RTCP (RFC 3550 §11), on loopback when the upstream is
     * there, else on the wildcard address, which is where a remote upstream's packets arrive.
     */
    private DatagramSocket[] portPair(InetAddress upstream) throws IOException {
        InetAddress local = upstream.isLoopbackAddress() ? upstream : null;
        for (int i = 0; i < PORT_PAIR_TRIES; i++) {
            DatagramSocket first = new DatagramSocket(new InetSocketAddress(local, 0));
            int port = first.getLocalPort();
            if (port % 2 == 0 && port < PortRange.MAX_PORT) {
                try {
                    DatagramSocket second = new DatagramSocket(new InetSocketAddress(local, port + 1));
                    synchronized (sockets) {
                        sockets.add(first);
                        sockets.add(second);
                        if (closed) {
                            first.close();
                            second.close();
                            throw new IOException("closed");
                        }
                    }
                    return new DatagramSocket[] {first, second};
                } catch (SocketException taken) {
                    // the odd port is in use: another pair
                }
            }
            first.close();
        }
        throw new IOException("no free even/odd UDP port pair after " + PORT_PAIR_TRIES + " tries");
    }

    private void readUdp(DatagramSocket socket, Receiver receiver, boolean isRtp) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(SOCKET_POLL_MILLIS);
            while (!closed) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (!packet.getAddress().equals(client.serverAddress())) {
                    continue; // not from the upstream
                }
                if (isRtp) {
                    receiver.rtp(buffer, packet.getOffset(), packet.getLength());
                } else {
                    receiver.rtcp(buffer, packet.getOffset(), packet.getLength());
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("UDP receive from {}: {}", url.redacted(), e.toString());
            }
        }
    }
}
