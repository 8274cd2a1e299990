package dev.rill.server;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;

/** RECORD (RFC 2326 §10.11): the publisher set up with {@code mode=record} starts sending. */
final class RecordCommand implements CoreCommand {

    @Override
    public RtspMethod method() {
        return RtspMethod.RECORD;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(ServerExchange exchange) {
        if (exchange.publisher().isEmpty()) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "RECORD is for a session set up with mode=record");
        }
        if (!exchange.publisher().get().record()) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "SETUP with mode=record comes before RECORD");
        }
        return RtspResponse.of(RtspStatus.OK);
    }
}
