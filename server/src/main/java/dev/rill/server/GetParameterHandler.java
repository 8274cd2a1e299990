package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/**
 * GET_PARAMETER (RFC 2326 §10.8). With an empty body it is the keep-alive that VLC and
 * GStreamer send (the dispatcher already marked the session alive); parameters by name are not
 * supported and get 451.
 */
public final class GetParameterHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.GET_PARAMETER;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        return keepAlive(exchange);
    }

    /** The answer to a parameter request: 200 when empty, 454 for a stale session, else 451. */
    static RtspResponse keepAlive(RtspExchange exchange) {
        if (exchange.request().sessionId().isPresent() && exchange.session().isEmpty()) {
            return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no session " + exchange.request().sessionId().get());
        }
        if (exchange.request().body().length > 0) {
            return RtspResponse.error(RtspStatus.PARAMETER_NOT_UNDERSTOOD, "no parameters are supported");
        }
        return RtspResponse.of(RtspStatus.OK);
    }
}
