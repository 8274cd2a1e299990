package dev.rill.server;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import dev.rill.wire.NptRange;
import dev.rill.wire.RtpInfo;
import dev.rill.wire.UnsupportedRangeException;
import java.util.Optional;

/**
 * PLAY (RFC 2326 §10.5): the session starts sending, resumes where PAUSE stopped, or seeks to
 * the {@code Range: npt=} start (see {@link Session#play}). A Range in another unit (SMPTE, clock)
 * gets 501, a malformed one 457. The reply of a standard session says
 * where the play starts (Range) and the RTP sequence number and timestamp of its first packet
 * (RTP-Info); media follows once the reply is out.
 */
final class PlayCommand implements CoreCommand {

    @Override
    public RtspMethod method() {
        return RtspMethod.PLAY;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        Session session = exchange.serverSession().orElseThrow();
        Optional<NptRange> range;
        try {
            range = session.sessionDialect().ranges()
                    ? exchange.request().headers().first(RtspHeaders.RANGE).map(NptRange::parse) : Optional.empty();
        } catch (UnsupportedRangeException e) {
            return RtspResponse.error(RtspStatus.NOT_IMPLEMENTED, e.getMessage());
        } catch (IllegalArgumentException e) {
            return RtspResponse.error(RtspStatus.INVALID_RANGE, e.getMessage());
        }
        return switch (session.play(range)) {
            case Session.PlayOutcome.Refused refused -> RtspResponse.error(refused.status(), refused.reason());
            case Session.PlayOutcome.Unchanged unchanged -> RtspResponse.of(RtspStatus.OK);
            case Session.PlayOutcome.Started started -> {
                // The play's clock starts when the client has its reply: a reply delayed by a busy
                // machine must not put the first frames behind schedule.
                exchange.afterResponse(() -> started.playback().begin(System.nanoTime()));
                yield session.sessionDialect().ranges() ? describe(exchange, started) : RtspResponse.of(RtspStatus.OK);
            }
        };
    }

    private static RtspResponse describe(ServerExchange exchange, Session.PlayOutcome.Started started) {
        String url = exchange.request().target().replaceAll("/+$", "");
        String trackUrl = url.endsWith("/trackID=0") ? url : url + "/trackID=0";
        RtpInfo info = RtpInfo.of(RtpInfo.Entry.of(trackUrl, started.sequence(), started.rtpTime()));
        return RtspResponse.of(RtspStatus.OK)
                .with(RtspHeaders.RANGE, started.range().format())
                .with(RtspHeaders.RTP_INFO, info.format());
    }
}
