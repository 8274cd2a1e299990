package dev.rill.spi;

/**
 * Answers one RTSP method. Found with {@link java.util.ServiceLoader}; the built-in methods are
 * handlers too. Two handlers for one method stop the server's start-up.
 *
 * <p>The server echoes CSeq, adds the Session header and Server, and writes the response; the
 * handler returns only its status, its own headers and body. A handler that throws gets a 500,
 * logged.
 *
 * <p>SETUP, PLAY, PAUSE, TEARDOWN, ANNOUNCE and RECORD are core commands of the server: they
 * make and drive sessions, whose state machine is the server's own, so no handler answers them
 * and a plugin that offers one stops start-up. Handlers see sessions read-only, through
 * {@link RtspExchange#session()}.
 */
public interface RtspMethodHandler {

    /** The method this handler answers. */
    RtspMethod method();

    /** Whether the request must name a session, creates one, or does without. */
    SessionUse sessionUse();

    /** The response to {@code exchange.request()}. Runs on the connection's virtual thread. */
    RtspResponse handle(RtspExchange exchange) throws Exception;
}
