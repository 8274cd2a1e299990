package dev.rill.server;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.wire.PortRange;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SETUP with {@code mode=record} (RFC 2326 §12.39): the transport for the stream a publisher
 * announced on this connection, RTP over the connection ({@code interleaved}) or over UDP to
 * ports the server opens for it ({@code client_port}, answered with {@code server_port}). The
 * mode is compared without regard to case: GStreamer writes {@code RECORD}, ffmpeg {@code record}.
 */
final class PublisherSetup {

    private PublisherSetup() {
    }

    /** The offers of a SETUP when one asks to record rather than to play; else none. */
    static List<Transport> recordOffers(RtspRequest request) {
        try {
            List<Transport> offers = request.headers().first(RtspHeaders.TRANSPORT).map(Transport::parseList).orElse(List.of());
            boolean record = offers.stream()
                    .anyMatch(t -> t.mode().map(m -> m.toLowerCase(Locale.ROOT).contains("record")).orElse(false));
            return record ? offers : List.of();
        } catch (IllegalArgumentException e) {
            return List.of(); // answered as any SETUP with a bad Transport is
        }
    }

    static RtspResponse handle(ServerExchange exchange, List<Transport> offers) {
        RtspConnection connection = exchange.connection();
        Optional<Publisher> announced = connection.publisher();
        if (announced.isEmpty()) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "ANNOUNCE comes before SETUP with mode=record");
        }
        Publisher publisher = announced.get();
        Optional<Mount> mount = exchange.mount();
        if (mount.isEmpty() || mount.get().source() != publisher.source()) {
            return RtspResponse.error(RtspStatus.NOT_FOUND, exchange.request().target() + " is not the stream announced for "
                    + publisher.source().path());
        }
        if (publisher.state() != Publisher.State.ANNOUNCED) {
            return RtspResponse.error(RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED, "the announced stream is set up already");
        }
        publisher.touch();
        for (Transport offer : offers) {
            if (!offer.protocol().equalsIgnoreCase("RTP") || !offer.profile().equalsIgnoreCase("AVP") || offer.multicast()) {
                continue;
            }
            if (offer.isTcp()) {
                PortRange channels = offer.interleaved().orElse(new PortRange(0, 1));
                int rtcp = channels.last() > channels.first() ? channels.last() : channels.first() + 1;
                if (rtcp > 255) {
                    return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "interleaved channels must be 0..255");
                }
                PortRange used = new PortRange(channels.first(), rtcp);
                if (!publisher.interleaved(used)) {
                    return ended();
                }
                exchange.publisherSetUp(publisher);
                return ok(Transport.tcp(used).withMode("record"));
            }
            if (connection.encrypted()) {
                continue;
            }
            if (offer.clientPort().isPresent() && (offer.lowerTransport().isEmpty() || offer.lowerTransport().equalsIgnoreCase("UDP"))) {
                PublisherPorts ports;
                try {
                    ports = PublisherPorts.open(connection.local().getAddress(), connection.peer().getAddress());
                } catch (IOException e) {
                    return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, "no UDP ports free: " + e.getMessage());
                }
                if (!publisher.udp(ports)) {
                    return ended();
                }
                exchange.publisherSetUp(publisher);
                return ok(Transport.udp(offer.clientPort().get())
                        .withServerPort(new PortRange(ports.rtpPort(), ports.rtcpPort())).withMode("record"));
            }
        }
        if (connection.encrypted()) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT, SetupCommand.UDP_OVER_TLS);
        }
        return RtspResponse.error(RtspStatus.UNSUPPORTED_TRANSPORT,
                "publish with RTP/AVP/TCP;interleaved= or RTP/AVP;unicast;client_port=, mode=record");
    }

    private static RtspResponse ended() {
        return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "the publishing session has ended");
    }

    private static RtspResponse ok(Transport reply) {
        return RtspResponse.of(RtspStatus.OK).with(RtspHeaders.TRANSPORT, reply.format());
    }
}
