package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/** TEARDOWN (RFC 2326 §10.7): stops sending, says BYE and frees the session. */
public final class TeardownHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.TEARDOWN;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(RtspExchange rtspExchange) {
        ServerExchange exchange = (ServerExchange) rtspExchange;
        Session session = exchange.serverSession().orElseThrow();
        exchange.context().end(session, "TEARDOWN");
        return RtspResponse.of(RtspStatus.OK);
    }
}
