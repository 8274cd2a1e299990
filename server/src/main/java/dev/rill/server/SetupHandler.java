package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.Mount;
import dev.rill.wire.PortRange;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
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
public final class SetupHandler implements RtspMethodHandler {

    /** The classic dialect's payload format: one whole JPEG per datagram. */
    static final String CLASSIC_FORMAT = "JPEG-classic";

    private final SecureRandom random = new SecureRandom();

    @Override
    public RtspMethod method() {
        return RtspMethod.SETUP;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.CREATES;
    }

    @Override
    public RtspResponse handle(RtspExchange rtspExchange) {
        ServerExchange exchange = (ServerExchange) rtspExchange;
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
        if (isClassic(t)) {
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

    /** The course's clients send {@code RTP/UDP; client_port= 25000}. */
    private static boolean isClassic(Transport t) {
        return t.profile().equalsIgnoreCase("UDP") && t.lowerTransport().isEmpty();
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
        boolean classic = isClassic(offer);
        Dialect dialect = classic ? Dialect.CLASSIC : Dialect.STANDARD;
        Optional<RtpPayloadFormat> format = classic ? context.extensions().format(CLASSIC_FORMAT) : Optional.of(mount.format());
        if (format.isEmpty()) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "the classic payload format is not installed");
        }
        InetAddress peer = connection.peer().getAddress();
        long ssrc = random.nextInt() & 0xFFFFFFFFL;
        RtpTarget target;
        String reply;
        if (offer.isTcp()) {
            PortRange channels = offer.interleaved().orElse(new PortRange(0, 1));
            int rtcpChannel = channels.last() > channels.first() ? channels.last() : channels.first() + 1;
            if (rtcpChannel > 255) {
                return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "interleaved channels must be 0..255");
            }
            target = new RtpTarget.Interleaved(connection, channels.first(), rtcpChannel);
            reply = "RTP/AVP/TCP;unicast;interleaved=" + channels.first() + "-" + rtcpChannel + ";ssrc=" + hex(ssrc);
        } else {
            PortRange ports = offer.clientPort().orElseThrow();
            if (ports.first() == 0) {
                return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "client_port 0 cannot receive");
            }
            Optional<InetSocketAddress> rtcp = classic ? Optional.empty()
                    : Optional.of(new InetSocketAddress(peer, ports.last() > ports.first() ? ports.last() : ports.first() + 1));
            target = new RtpTarget.Udp(new InetSocketAddress(peer, ports.first()), rtcp);
            String spec = offer.protocol().toUpperCase(Locale.ROOT) + "/" + offer.profile().toUpperCase(Locale.ROOT)
                    + (offer.lowerTransport().isEmpty() ? "" : "/" + offer.lowerTransport().toUpperCase(Locale.ROOT));
            reply = spec + ";unicast;client_port=" + ports.first() + "-" + rtcp.map(InetSocketAddress::getPort).orElse(ports.first())
                    + ";server_port=" + context.ports().rtpPort() + "-" + context.ports().rtcpPort() + ";ssrc=" + hex(ssrc);
        }
        String transport = reply;
        RtpPayloadFormat chosen = format.get();
        FragmentCache.Fragments fragments = context.fragments().of(mount.source(), chosen);
        int firstSequence = classic ? 1 : random.nextInt(0x10000);
        long timestampBase = classic ? 0 : random.nextInt() & 0xFFFFFFFFL;
        boolean bound = classic || offer.isTcp();
        Optional<Session> session = context.sessions().create(dialect, id -> new Session(id, dialect,
                connection.peer(), mount, chosen, fragments, target, transport, ssrc, firstSequence, timestampBase,
                connection, bound, context.nextSender(), System.nanoTime()));
        if (session.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_ENOUGH_BANDWIDTH, "the server has no room for another session");
        }
        connection.setUp(session.get());
        exchange.sessionCreated(session.get());
        context.sessionOpened(session.get());
        RtspResponse response = RtspResponse.of(RtspStatus.OK);
        return classic ? response : response.with(RtspHeaders.TRANSPORT, transport);
    }

    private static String hex(long ssrc) {
        return String.format("%08X", ssrc);
    }
}
