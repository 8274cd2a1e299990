package dev.rill.server;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/**
 * PAUSE (RFC 2326 §10.6): stops sending and keeps the position, so the next PLAY resumes at the
 * frame after the last one sent. PAUSE when not playing is not valid in that state (455). A
 * publisher's PAUSE halts recording until its next RECORD.
 */
final class PauseCommand implements CoreCommand {

    @Override
    public RtspMethod method() {
        return RtspMethod.PAUSE;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        if (exchange.publisher().isPresent()) {
            // rtspclientsink sends PAUSE before TEARDOWN, and ends with an error unless it gets 200.
            return exchange.publisher().get().pause() ? RtspResponse.of(RtspStatus.OK) : RtspResponse.error(
                    RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "PAUSE comes after SETUP with mode=record");
        }
        return exchange.serverSession().orElseThrow().pause()
                .map(refused -> RtspResponse.error(refused.status(), refused.reason()))
                .orElse(RtspResponse.of(RtspStatus.OK));
    }
}
