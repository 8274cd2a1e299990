package dev.rill.spi;

/**
 * Answers one RTSP method. Found with {@link java.util.ServiceLoader}; the built-in methods are
 * handlers too. Two handlers for one method stop the server's start-up.
 *
 * <p>The server echoes CSeq, adds the Session header and Server, and writes the response; the
 * handler returns only its status, its own headers and body. A handler that throws gets a 500,
 * logged.
 */
public interface RtspMethodHandler {

    /** The method this handler answers. */
    RtspMethod method();

    /** Whether the request must name a session, creates one, or does without. */
    SessionUse sessionUse();

    /** The response to {@code exchange.request()}. Runs on the connection's virtual thread. */
    RtspResponse handle(RtspExchange exchange) throws Exception;
}
