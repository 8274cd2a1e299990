package dev.rill.server;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/** TEARDOWN (RFC 2326 §10.7): stops sending, says BYE and frees the session. */
final class TeardownCommand implements CoreCommand {

    @Override
    public RtspMethod method() {
        return RtspMethod.TEARDOWN;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        exchange.serverSession().orElseThrow().end("TEARDOWN");
        return RtspResponse.of(RtspStatus.OK);
    }
}
