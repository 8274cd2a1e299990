package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.SessionUse;

/** A test-only method whose handler runs out of memory, to prove that gets a 503, not a dead connection. */
public final class OutOfMemoryHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.valueOf("X_OOM");
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        throw new OutOfMemoryError("Java heap space (thrown by a test handler)");
    }
}
