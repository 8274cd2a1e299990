package dev.rill.client;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.NptRange;
import dev.rill.wire.PortRange;
import dev.rill.wire.RtpInfo;
import dev.rill.wire.RtspClient;
import dev.rill.wire.SessionDescription;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The standard dialect (RFC 2326): OPTIONS and DESCRIBE to learn the stream, SETUP on its
 * control URL, PLAY/PAUSE/TEARDOWN on the aggregate URL, GET_PARAMETER as keep-alive when the
 * server lists it in Public (else OPTIONS, which every server answers).
 */
final class StandardDialogue implements Dialogue {

    private final RtspClient client;
    private final String url;
    private boolean getParameter;
    private String setupUrl;
    private String aggregateUrl;
    private Optional<String> session = Optional.empty();

    StandardDialogue(RtspClient client, String url) {
        this.client = client;
        this.url = url;
        this.setupUrl = url;
        this.aggregateUrl = url;
    }

    @Override
    public Stream describe() throws IOException {
        RtspResponse options = client.request(RtspMethod.OPTIONS, url);
        if (options.status().isSuccess()) {
            getParameter = options.headers().first(RtspHeaders.PUBLIC)
                    .map(p -> Arrays.stream(p.split(",")).map(String::strip).anyMatch("GET_PARAMETER"::equals))
                    .orElse(false);
        } // a server that does not answer OPTIONS may still DESCRIBE
        RtspResponse reply = Refusal.check("DESCRIBE", client.request(RtspMethod.DESCRIBE, url, RtspHeaders.ACCEPT, "application/sdp"));
        String type = reply.headers().first(RtspHeaders.CONTENT_TYPE).orElse("application/sdp");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            throw new IOException("DESCRIBE answered with " + type + ", not an SDP");
        }
        SessionDescription sdp = SessionDescription.parse(new String(reply.body(), StandardCharsets.UTF_8));
        String base = reply.headers().first(RtspHeaders.CONTENT_BASE)
                .or(() -> reply.headers().first("Content-Location")).orElse(url);
        setupUrl = sdp.setupUrl(base);
        aggregateUrl = sdp.sessionControl().isPresent() ? sdp.aggregateUrl(base) : url;
        return new Stream(Optional.of(sdp.encoding()), sdp.clockRate(), OptionalInt.of(sdp.payloadType()),
                sdp.duration(), sdp.frameRate());
    }

    @Override
    public Setup setup(Optional<PortRange> udpPorts) throws IOException {
        Transport asked = udpPorts.map(Transport::udp).orElse(Transport.tcp(new PortRange(0, 1)));
        RtspResponse reply = Refusal.check("SETUP", client.request(RtspMethod.SETUP, setupUrl,
                RtspHeaders.TRANSPORT, asked.format()));
        SessionHeader header;
        try {
            header = SessionHeader.parse(reply.headers().first(RtspHeaders.SESSION)
                    .orElseThrow(() -> new IOException("the reply to SETUP has no Session header")));
        } catch (IllegalArgumentException e) {
            throw new IOException("the reply to SETUP has a malformed Session header: " + e.getMessage(), e);
        }
        session = Optional.of(header.id());
        Optional<Transport> chosen = reply.headers().first(RtspHeaders.TRANSPORT).flatMap(StandardDialogue::transport);
        if (chosen.isPresent() && chosen.get().isTcp() != udpPorts.isEmpty()) {
            throw new IOException("the server chose " + chosen.get().format() + " instead of " + asked.format());
        }
        Optional<PortRange> interleaved = udpPorts.isPresent() ? Optional.empty()
                : chosen.flatMap(Transport::interleaved).or(() -> Optional.of(new PortRange(0, 1)));
        return new Setup(header.id(), header.timeoutSeconds(), chosen.flatMap(Transport::serverPort), interleaved,
                chosen.flatMap(Transport::ssrc).map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    private static Optional<Transport> transport(String value) {
        try {
            List<Transport> list = Transport.parseList(value);
            return Optional.of(list.get(0));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // ports then unknown: RTCP is not sent, media still comes
        }
    }

    @Override
    public Play play(Optional<Duration> from) throws IOException {
        String id = sessionId();
        String[] fields = from.map(f -> new String[] {RtspHeaders.SESSION, id, RtspHeaders.RANGE,
                NptRange.from(f).format()}).orElse(new String[] {RtspHeaders.SESSION, id});
        RtspResponse reply = Refusal.check("PLAY", client.request(RtspMethod.PLAY, aggregateUrl, fields));
        Optional<Duration> start = Optional.empty();
        try {
            start = reply.headers().first(RtspHeaders.RANGE).map(NptRange::parse).flatMap(NptRange::start);
        } catch (IllegalArgumentException e) {
            // a Range in another unit: the position display starts from the frames' timestamps
        }
        OptionalLong rtpTime = OptionalLong.empty();
        try {
            Optional<RtpInfo> info = reply.headers().first(RtspHeaders.RTP_INFO).map(RtpInfo::parse);
            if (info.isPresent()) {
                rtpTime = info.get().entries().get(0).rtptime();
            }
        } catch (IllegalArgumentException e) {
            // no usable RTP-Info: same
        }
        return new Play(start, rtpTime);
    }

    @Override
    public void pause() throws IOException {
        Refusal.check("PAUSE", client.request(RtspMethod.PAUSE, aggregateUrl, RtspHeaders.SESSION, sessionId()));
    }

    @Override
    public void teardown() throws IOException {
        if (session.isPresent()) {
            String id = session.get();
            session = Optional.empty();
            Refusal.check("TEARDOWN", client.request(RtspMethod.TEARDOWN, aggregateUrl, RtspHeaders.SESSION, id));
        }
    }

    @Override
    public void keepAlive() throws IOException {
        if (session.isPresent()) {
            RtspMethod method = getParameter ? RtspMethod.GET_PARAMETER : RtspMethod.OPTIONS;
            Refusal.check(method.name(), client.request(method, aggregateUrl, RtspHeaders.SESSION, sessionId()));
        }
    }

    private String sessionId() throws IOException {
        return session.orElseThrow(() -> new IOException("no session: SETUP first"));
    }
}
