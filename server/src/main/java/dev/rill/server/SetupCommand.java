package dev.rill.server;

import dev.rill.spi.Mount;
import dev.rill.wire.PortRange;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import dev.rill.wire.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SETUP (RFC 2326 §10.4): creates a session for the mount the URL names, with the first
 * transport the client offers that the server can honour. {@code RTP/UDP} (the course's form)
 * makes a classic session; {@code RTP/AVP[/UDP];unicast;client_port=} a standard UDP one;
 * {@code RTP/AVP/TCP} an interleaved one. Media goes only to the RTSP peer's own address:
 * multicast, or a {@code destination} that is not the peer, gets 461.
 */
final class SetupCommand implements CoreCommand {

    private final SecureRandom random = new SecureRandom();

    @Override
    public RtspMethod method() {
        return RtspMethod.SETUP;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.CREATES;
    }

    /** The 461 reason for UDP asked on an RTSPS connection. */
    static final String UDP_OVER_TLS = "RTSPS carries media only inside its TLS connection: ask for RTP/AVP/TCP;interleaved=0-1"
            + " (UDP would leave the encryption; SRTP is not supported)";

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        List<Transport> recording = PublisherSetup.recordOffers(exchange.request());
        if (!recording.isEmpty() || exchange.publisher().isPresent()) {
            return PublisherSetup.handle(exchange, recording);
        }
        if (exchange.serverSession().isPresent()) {
            return RtspResponse.error(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED,
                    "session already set up; this server serves one track per session");
        }
        if (exchange.request().sessionId().isPresent()) {
            return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no session " + exchange.request().sessionId().get());
        }
        Optional<Mount> mount = exchange.mount();
        if (mount.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_FOUND, "nothing is served at " + exchange.request().target());
        }
        Optional<String> header = exchange.request().headers().first(RtspHeaders.TRANSPORT);
        if (header.isEmpty()) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "no Transport header");
        }
        List<Transport> offers;
        try {
            offers = Transport.parseList(header.get());
        } catch (IllegalArgumentException e) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "cannot parse Transport: " + e.getMessage());
        }
        String refusal = "no transport offered is supported";
        for (Transport offer : offers) {
            Optional<String> problem = problem(offer, exchange);
            if (problem.isEmpty()) {
                return create(exchange, mount.get(), offer);
            }
            refusal = problem.get();
        }
        return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, refusal);
    }

    /** Why an offered transport cannot be used; empty when it can. */
    private static Optional<String> problem(Transport t, ServerExchange exchange) {
        if (!t.protocol().equalsIgnoreCase("RTP")) {
            return Optional.of("only RTP is served, not " + t.protocol());
        }
        if (t.multicast()) {
            return Optional.of("multicast is not served; ask for unicast");
        }
        if (t.destination().isPresent() && !samePeer(t.destination().get(), exchange.peer().getAddress())) {
            return Optional.of("destination must be the RTSP peer's own address");
        }
        if (exchange.connection().encrypted() && !t.isTcp()) {
            return Optional.of(UDP_OVER_TLS);
        }
        if (SessionDialect.forTransport(t) == SessionDialect.CLASSIC) {
            return t.clientPort().isPresent() ? Optional.empty() : Optional.of("RTP/UDP needs client_port");
        }
        if (!t.profile().equalsIgnoreCase("AVP")) {
            return Optional.of("profile " + t.profile() + " is not supported (use RTP/AVP)");
        }
        if (t.isTcp()) {
            return Optional.empty();
        }
        if (!t.lowerTransport().isEmpty() && !t.lowerTransport().equalsIgnoreCase("UDP")) {
            return Optional.of("lower transport " + t.lowerTransport() + " is not supported");
        }
        return t.clientPort().isPresent() ? Optional.empty() : Optional.of("RTP/AVP over UDP needs client_port");
    }

    private static boolean samePeer(String destination, InetAddress peer) {
        try {
            // Only literal addresses are compared; a name is never resolved on a client's behalf.
            if (!destination.matches("[0-9a-fA-F:.\\[\\]]+")) {
                return false;
            }
            return InetAddress.getByName(destination.replace("[", "").replace("]", "")).equals(peer);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private RtspResponse create(ServerExchange exchange, Mount mount, Transport offer) {
        ServerContext context = exchange.context();
        RtspConnection connection = exchange.connection();
        if (connection.sessionCount() >= context.config().limits().maxSessionsPerConnection()) {
            return RtspResponse.error(RtspStatus.NOT_ENOUGH_BANDWIDTH, "too many sessions on this connection");
        }
        SessionDialect dialect = SessionDialect.forTransport(offer);
        Optional<RtpPayloadFormat> format = dialect.format(mount, context.extensions());
        if (format.isEmpty()) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "the classic payload format is not installed");
        }
        InetAddress peer = connection.peer().getAddress();
        long ssrc = random.nextInt() & 0xFFFFFFFFL;
        RtpTarget target;
        Transport reply;
        if (offer.isTcp()) {
            PortRange channels = offer.interleaved().orElse(new PortRange(0, 1));
            int rtcpChannel = channels.last() > channels.first() ? channels.last() : channels.first() + 1;
            if (rtcpChannel > 255) {
                return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "interleaved channels must be 0..255");
            }
            connection.carryMedia();
            target = new RtpTarget.Interleaved(connection, channels.first(), rtcpChannel);
            reply = Transport.tcp(new PortRange(channels.first(), rtcpChannel)).withSsrc(ssrc);
        } else {
            PortRange ports = offer.clientPort().orElseThrow();
            if (ports.first() == 0) {
                return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "client_port 0 cannot receive");
            }
            int rtcpPort = ports.last() > ports.first() ? ports.last() : ports.first() + 1;
            Optional<InetSocketAddress> rtcp = dialect.rtcp() ? Optional.of(new InetSocketAddress(peer, rtcpPort)) : Optional.empty();
            target = new RtpTarget.Udp(new InetSocketAddress(peer, ports.first()), rtcp);
            reply = new Transport(offer.protocol().toUpperCase(Locale.ROOT), offer.profile().toUpperCase(Locale.ROOT),
                    offer.lowerTransport().toUpperCase(Locale.ROOT), false, Optional.empty(),
                    Optional.of(new PortRange(ports.first(), rtcp.map(InetSocketAddress::getPort).orElse(ports.first()))),
                    Optional.of(new PortRange(context.ports().rtpPort(), context.ports().rtcpPort())), Optional.empty(),
                    Optional.of(ssrc), Optional.empty(), Optional.empty());
        }
        String transport = reply.format();
        // Held from here: a failure below must give both back.
        Optional<Mount> holding = context.mounts().holdResolved(mount);
        if (holding.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_FOUND, "nothing is served at " + exchange.request().target());
        }
        Mount held = holding.get();
        Feed feed;
        try {
            feed = context.feeds().acquire(held.source(), format.get());
        } catch (RuntimeException e) {
            context.mounts().release(held);
            throw e;
        }
        Session.Setup setup = new Session.Setup(dialect, connection.peer(), held, format.get(), feed, target, transport,
                ssrc, dialect.firstSequence(random), dialect.timestampBase(random), connection,
                // A session nobody reaps, or whose media rides on the connection, ends with it.
                !dialect.reaped() || offer.isTcp(), context.nextSender());
        Optional<Session> session = context.sessions().create(dialect, id -> new Session(id, setup, context, System.nanoTime()));
        if (session.isEmpty()) {
            context.feeds().release(feed);
            context.mounts().release(held);
            return RtspResponse.error(RtspStatus.NOT_ENOUGH_BANDWIDTH, "the server has no room for another session");
        }
        connection.setUp(session.get());
        exchange.sessionCreated(session.get());
        context.sessionOpened(session.get());
        return RtspResponse.of(RtspStatus.OK).with(RtspHeaders.TRANSPORT, transport);
    }
}
