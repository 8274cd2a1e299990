package dev.rill.bench;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.PortRange;
import dev.rill.wire.RtspClient;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens one session the way a standard player does: OPTIONS, DESCRIBE, SETUP of the media's
 * control URL with {@code RTP/AVP;unicast;client_port=a-b} (an even/odd pair bound on the
 * loopback address) or {@code RTP/AVP/TCP;unicast;interleaved=0-1}, then PLAY of the aggregate
 * URL (RFC 2326 §10; the order ffmpeg uses). Each round trip is recorded in the session. The
 * RTSP connection stays open, nothing reading it: the caller hands an interleaved one off to a
 * receiver ({@link RtspControl#handOff}).
 *
 * @param url            the presentation URL
 * @param tcp            interleaved instead of UDP
 * @param timeoutNanos   the longest wait for one response
 * @param receiveBuffer  SO_RCVBUF asked for each media socket, bytes
 * @param bindAddress    where the UDP sockets are bound (the loopback address in the examples)
 * @param learned        told the SDP of every DESCRIBE (the generator keeps the first)
 */
record Handshake(RtspUrl url, boolean tcp, long timeoutNanos, int receiveBuffer, InetAddress bindAddress,
                 Consumer<SdpInfo> learned) {

    /** The interleaved channels asked for: RTP on 0, RTCP on 1. */
    static final PortRange INTERLEAVED = new PortRange(0, 1);

    /** A request that did not get 2xx, or a reply that made no sense; the message is the reason. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Runs the handshake for {@code s}; on failure the caller closes the session. */
    void establish(LoadSession s) throws IOException, Refused {
        establish(s, ignored -> { });
    }

    /**
     * Runs the handshake for {@code s}, calling {@code beforePlay} between SETUP and PLAY: a UDP
     * session's sockets must be read from the moment PLAY goes out, or the first frames would
     * wait in the socket and seem to arrive late. On failure the caller closes the session.
     */
    void establish(LoadSession s, Consumer<LoadSession> beforePlay) throws IOException, Refused {
        RtspControl control = RtspControl.connect(url.address(), timeoutNanos, tcp ? receiveBuffer : 0,
                INTERLEAVED.first(), s);
        s.control(control);
        if (tcp) {
            s.grantedReceive(control.client().receiveBufferSize());
        }
        call(s, control, LoadSession.Step.OPTIONS, RtspMethod.OPTIONS, url.text());
        RtspResponse describe = call(s, control, LoadSession.Step.DESCRIBE, RtspMethod.DESCRIBE, url.text(),
                RtspHeaders.ACCEPT, "application/sdp");
        SdpInfo sdp = SdpInfo.parse(new String(describe.body(), StandardCharsets.UTF_8));
        learned.accept(sdp);
        String base = describe.headers().first(RtspHeaders.CONTENT_BASE).orElse(url.text());
        String setupUrl = RtspUrl.resolveControl(base, sdp.control());

        Transport offer;
        if (tcp) {
            offer = Transport.tcp(INTERLEAVED);
        } else {
            UdpPair pair = UdpPair.open(bindAddress, receiveBuffer);
            s.udp(pair);
            s.grantedReceive(pair.grantedReceive());
            offer = Transport.udp(new PortRange(pair.rtpPort(), pair.rtpPort() + 1));
        }
        RtspResponse setup = call(s, control, LoadSession.Step.SETUP, RtspMethod.SETUP, setupUrl,
                RtspHeaders.TRANSPORT, offer.format());
        String sessionValue = setup.headers().first(RtspHeaders.SESSION)
                .orElseThrow(() -> new Refused("SETUP reply has no Session header"));
        String id;
        Transport chosen;
        try {
            id = SessionHeader.parse(sessionValue).id();
            List<Transport> reply = Transport.parseList(setup.headers().first(RtspHeaders.TRANSPORT)
                    .orElseThrow(() -> new Refused("SETUP reply has no Transport header")));
            chosen = reply.getFirst();
        } catch (IllegalArgumentException e) {
            throw new Refused("SETUP reply: " + e.getMessage());
        }
        if (tcp != chosen.isTcp()) {
            throw new Refused("server chose another transport: " + chosen.format());
        }
        if (!tcp && chosen.serverPort().isPresent()) {
            PortRange ports = chosen.serverPort().get();
            InetAddress server = control.client().serverAddress();
            int rtcpPort = ports.last() > ports.first() ? ports.last() : ports.first() + 1;
            s.udp().orElseThrow().connect(new InetSocketAddress(server, ports.first()),
                    new InetSocketAddress(server, rtcpPort));
        }
        if (tcp && chosen.interleaved().map(PortRange::first).orElse(0) != INTERLEAVED.first()) {
            throw new Refused("server moved RTP to interleaved channel " + chosen.interleaved().get().first());
        }
        String aggregate = url.text(); // PLAY and TEARDOWN name the presentation, as ffmpeg does
        s.established(id, aggregate, chosen.ssrc().orElse(-1L));
        beforePlay.accept(s);
        call(s, control, LoadSession.Step.PLAY, RtspMethod.PLAY, aggregate,
                RtspHeaders.SESSION, id, RtspHeaders.RANGE, "npt=0.000-");
    }

    /** Sends TEARDOWN on a connection not handed off (a UDP session's) and times it. */
    void teardown(LoadSession s) throws IOException, Refused {
        RtspControl control = s.control().orElseThrow();
        call(s, control, LoadSession.Step.TEARDOWN, RtspMethod.TEARDOWN, s.aggregateUrl(),
                RtspHeaders.SESSION, s.sessionId());
    }

    private static RtspResponse call(LoadSession s, RtspControl control, LoadSession.Step step, RtspMethod method,
                                     String target, String... headers)
            throws IOException, Refused {
        RtspClient.Reply reply = control.request(method, target, headers);
        if (!reply.response().status().isSuccess()) {
            throw new Refused(method + " " + reply.response().status());
        }
        s.roundTrip(step, reply.roundTripNanos());
        if (step == LoadSession.Step.PLAY) {
            s.playAnswered(System.nanoTime());
        }
        return reply.response();
    }
}
