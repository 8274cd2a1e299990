package dev.rill.server;

import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionState;
import dev.rill.spi.SessionUse;

/**
 * PAUSE (RFC 2326 §10.6): stops sending and keeps the position, so the next PLAY resumes at the
 * frame after the last one sent. PAUSE when not playing is not valid in that state (455).
 */
public final class PauseHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.PAUSE;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(RtspExchange rtspExchange) {
        Session session = ((ServerExchange) rtspExchange).serverSession().orElseThrow();
        session.lock().lock();
        try {
            if (session.stateLocked() != SessionState.PLAYING) {
                if (session.endedLocked()) {
                    // The stream ran out while the client still thought it was playing.
                    return RtspResponse.of(RtspStatus.OK);
                }
                return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "not playing");
            }
            session.readyLocked();
            ((ServerExchange) rtspExchange).context().stateChanged(session, SessionState.READY);
        } finally {
            session.lock().unlock();
        }
        return RtspResponse.of(RtspStatus.OK);
    }
}
