package dev.rill.plugin.sdp;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import java.time.Instant;
import java.util.Optional;

/**
 * DESCRIBE (RFC 2326 §10.2): 200 with the mount's SDP (RFC 4566) and a Content-Base; 404 for a
 * target that names no mount; 406 when the Accept fields refuse {@code application/sdp}.
 * Needs no session.
 */
public final class DescribeHandler implements RtspMethodHandler {

    /** The media type of the body (RFC 4566 §8.1). */
    static final String SDP_TYPE = "application/sdp";

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 5905 §6. */
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private final long version;

    /**
     * A handler whose SDP session version is the NTP time of its creation, in seconds, as
     * RFC 4566 §5.2 suggests: fixed while the server runs (the mounts do not change) and larger
     * after a restart, when a mount's file may have.
     */
    public DescribeHandler() {
        this(Instant.now().getEpochSecond() + NTP_UNIX_OFFSET_SECONDS);
    }

    /** A handler with a fixed {@code o=} session version, for tests. */
    DescribeHandler(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("SDP session version must be >= 0: " + version);
        }
        this.version = version;
    }

    @Override
    public RtspMethod method() {
        return RtspMethod.DESCRIBE;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        RtspRequest request = exchange.request();
        Optional<Mount> mount = exchange.mount();
        if (mount.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_FOUND, "nothing is served at " + request.target());
        }
        if (!AcceptHeader.allows(request.headers().all(RtspHeaders.ACCEPT), "application", "sdp")) {
            return RtspResponse.error(RtspStatus.NOT_ACCEPTABLE, "only " + SDP_TYPE + " describes a mount");
        }
        byte[] sdp = SdpDescription.of(mount.get(), exchange.local(), version).bytes();
        return RtspResponse.of(RtspStatus.OK)
                .with(RtspHeaders.CONTENT_BASE, ContentBase.of(request, mount.get(), exchange.local()))
                .withBody(SDP_TYPE, sdp);
    }
}
