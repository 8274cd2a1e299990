package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.SessionUse;

/** A test-only method whose handler always throws, to prove a fault gets a 500. */
public final class FaultyHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.valueOf("X_FAULT");
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        throw new IllegalStateException("this handler always fails");
    }
}
