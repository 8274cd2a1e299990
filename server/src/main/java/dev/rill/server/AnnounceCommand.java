package dev.rill.server;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import dev.rill.wire.SessionDescription;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * ANNOUNCE (RFC 2326 §10.3) from a publisher: the SDP of the stream it is about to send to a
 * {@code publish} mount, which must be one JPEG/90000 video stream. Claims the mount for this
 * connection; a second publisher gets 455 while the first one lasts.
 */
final class AnnounceCommand implements CoreCommand {

    private final SecureRandom random = new SecureRandom();

    @Override
    public RtspMethod method() {
        return RtspMethod.ANNOUNCE;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        Optional<Mount> mount = exchange.mount();
        if (mount.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_FOUND, "nothing is served at " + exchange.request().target());
        }
        if (!(mount.get().source() instanceof PublishedSource source)) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_ALLOWED, mount.get().path() + " does not take publishers")
                    .with("Allow", exchange.methods().stream().map(RtspMethod::name)
                            .filter(m -> !m.equals("ANNOUNCE") && !m.equals("RECORD"))
                            .reduce((a, b) -> a + ", " + b).orElse("OPTIONS"));
        }
        RtspConnection connection = exchange.connection();
        if (connection.publisher().isPresent()) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE,
                    "this connection already publishes " + connection.publisher().get().source().path());
        }
        String type = exchange.request().headers().first(RtspHeaders.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_MEDIA_TYPE, "ANNOUNCE needs an application/sdp body");
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(exchange.request().body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        }
        if (!sdp.encoding().equals(source.encoding()) || sdp.clockRate() != 90_000) {
            return RtspResponse.error(RtspStatus.UNSUPPORTED_MEDIA_TYPE, "the video stream is " + sdp.encoding() + "/"
                    + sdp.clockRate() + "; " + source.path() + " takes JPEG/90000 (RFC 2435)");
        }
        Publisher publisher = new Publisher(SessionDialect.STANDARD.newId(random), connection, source, sdp,
                mount.get().format().depayloader(), exchange.context().config().sessionTimeoutSeconds());
        if (!source.claim(publisher, sdp.frameRate())) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, source.path() + " already has a publisher"
                    + source.publisherAddress().map(a -> " (" + a.getAddress().getHostAddress() + ")").orElse(""));
        }
        connection.publish(publisher);
        publisher.start();
        return RtspResponse.of(RtspStatus.OK);
    }
}
