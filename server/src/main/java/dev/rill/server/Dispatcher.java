package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.wire.SessionHeader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the handler for a request's method, checks the session it needs, and completes the
 * response: CSeq echoed, Session (with {@code ;timeout=} for standard sessions), Server. Every
 * request gets exactly one response; a handler that throws gets a 500, logged.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ServerContext context;

    Dispatcher(ServerContext context) {
        this.context = context;
    }

    /** How a response leaves: written whole, in the request's dialect. */
    @FunctionalInterface
    interface Output {
        void write(byte[] bytes) throws java.io.IOException;
    }

    /** Answers one request: finds the handler, writes the response, then runs what must follow it. */
    void serve(RtspRequest request, RtspConnection connection, Output out) throws java.io.IOException {
        Optional<String> cseq = request.headers().first(RtspHeaders.CSEQ);
        if (cseq.isEmpty()) {
            out.write(encode(request, RtspResponse.error(RtspStatus.BAD_REQUEST, "no CSeq header")));
            return;
        }
        ServerExchange[] exchange = new ServerExchange[1];
        RtspResponse response = answer(request, connection, exchange).replace(RtspHeaders.CSEQ, cseq.get());
        out.write(encode(request, response));
        if (exchange[0] != null) {
            exchange[0].responded();
        }
    }

    private RtspResponse answer(RtspRequest request, RtspConnection connection, ServerExchange[] made) {
        Optional<RtspMethodHandler> handler = context.extensions().handler(request.method());
        if (handler.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_IMPLEMENTED, "method " + request.method() + " not supported")
                    .with(RtspHeaders.PUBLIC, publicMethods());
        }
        Optional<String> sessionId = request.sessionId();
        // A session bound to a connection (classic, interleaved) answers only on that connection.
        Optional<Session> session = sessionId.flatMap(context.sessions()::find)
                .filter(s -> s.owner().map(owner -> owner == connection).orElse(true));
        session.ifPresent(s -> s.touch(System.nanoTime()));
        switch (handler.get().sessionUse()) {
            case REQUIRED -> {
                if (sessionId.isEmpty()) {
                    return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no Session header");
                }
                if (session.isEmpty()) {
                    return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no session " + sessionId.get());
                }
            }
            case CREATES, NONE -> {
            }
        }
        ServerExchange exchange = new ServerExchange(request, connection, context, session);
        made[0] = exchange;
        RtspResponse response;
        try {
            response = handler.get().handle(exchange);
        } catch (Exception e) {
            LOG.error("{}: {} {} failed", connection.peer(), request.method(), request.target(), e);
            response = RtspResponse.error(RtspStatus.INTERNAL_SERVER_ERROR, e.getClass().getSimpleName());
        }
        response = response.replace(RtspHeaders.SERVER, ServerContext.SERVER_NAME);
        Optional<Session> replySession = exchange.serverSession();
        if (replySession.isPresent() && !response.headers().contains(RtspHeaders.SESSION)) {
            Session s = replySession.get();
            response = response.with(RtspHeaders.SESSION, s.dialect() == Dialect.CLASSIC ? s.id()
                    : s.id() + ";timeout=" + context.config().sessionTimeoutSeconds());
        }
        LOG.debug("{}: {} {} -> {}", connection.peer(), request.method(), request.target(), response.status());
        return response;
    }

    /** Every method the server answers, for {@code Public}. */
    String publicMethods() {
        return context.extensions().methods().stream().map(RtspMethod::name).collect(Collectors.joining(", "));
    }

    /**
     * The response as bytes for this request's dialect. A request naming a bare file (the
     * course's clients) gets exactly the course's reply: status line, CSeq, Session, no blank
     * line, nothing else; the clients break on anything more. Error replies keep all three lines
     * (see the README on why).
     */
    byte[] encode(RtspRequest request, RtspResponse response) {
        if (!isClassic(request) || response.body().length > 0) {
            return response.encode();
        }
        String session = response.headers().first(RtspHeaders.SESSION)
                .map(v -> SessionHeader.parse(v).id()).orElse("0");
        String text = response.version() + " " + response.status().code() + " " + response.status().reason() + "\r\n"
                + "CSeq: " + response.headers().first(RtspHeaders.CSEQ).orElse("0") + "\r\n"
                + "Session: " + session + "\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** True for the course's request form: a bare name, not a URL and not {@code *}. */
    static boolean isClassic(RtspRequest request) {
        return !request.hasAbsoluteTarget() && !request.target().equals("*");
    }
}
