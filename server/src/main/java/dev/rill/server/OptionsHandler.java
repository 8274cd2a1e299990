package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import java.util.stream.Collectors;

/** OPTIONS (RFC 2326 §10.1): 200 with {@code Public} listing every method the server answers. */
public final class OptionsHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.OPTIONS;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.NONE;
    }

    @Override
    public RtspResponse handle(RtspExchange exchange) {
        return RtspResponse.of(RtspStatus.OK).with(RtspHeaders.PUBLIC,
                exchange.methods().stream().map(RtspMethod::name).collect(Collectors.joining(", ")));
    }
}
