package dev.rill.server;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/** TEARDOWN (RFC 2326 §10.7): stops sending, says BYE and frees the session; a publisher's ends its stream. */
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
        if (exchange.publisher().isPresent()) {
            exchange.publisher().get().end("TEARDOWN");
        } else {
            exchange.serverSession().orElseThrow().end("TEARDOWN");
        }
        return RtspResponse.of(RtspStatus.OK);
    }
}
