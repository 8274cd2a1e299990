package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.SessionUse;

/** SET_PARAMETER (RFC 2326 §10.9): a keep-alive when empty; no parameter can be set (451). */
public final class SetParameterHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.SET_PARAMETER;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        return GetParameterHandler.keepAlive(exchange);
    }
}
