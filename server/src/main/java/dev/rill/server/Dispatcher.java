package dev.rill.server;

import dev.rill.wire.UserInfo;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the core command or plugin handler for a request's method, checks the session it needs,
 * and completes the response: CSeq echoed, Session in the session's dialect, Server. The
 * response is written in the session's dialect, or, for a request that names none, in the one its
 * form implies ({@link SessionDialect}). Every request gets exactly one response; a handler that
 * throws gets a 500, logged, and one that runs out of memory a 503.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Digits of the longest CSeq taken (clients count from 0 or 1; 10 digits hold any 32-bit count). */
    static final int MAX_CSEQ_DIGITS = 10;

    private final ServerContext context;
    private final Map<RtspMethod, CoreCommand> core = new LinkedHashMap<>();
    private final List<RtspMethod> methods;

    Dispatcher(ServerContext context) {
        this.context = context;
        for (CoreCommand c : CoreCommand.all()) {
            core.put(c.method(), c);
        }
        // OPTIONS first, then the core commands, then the other handlers in discovery order.
        List<RtspMethod> all = new ArrayList<>();
        List<RtspMethod> handled = context.extensions().methods();
        handled.stream().filter(RtspMethod.OPTIONS::equals).forEach(all::add);
        all.addAll(core.keySet());
        handled.stream().filter(m -> !m.equals(RtspMethod.OPTIONS)).forEach(all::add);
        this.methods = List.copyOf(all);
    }

    /** How a response leaves: written whole, in the request's dialect. */
    @FunctionalInterface
    interface Output {
        void write(byte[] bytes) throws java.io.IOException;
    }

    /** Answers one request: finds the handler, writes the response, then runs what must follow it. */
    void serve(RtspRequest request, RtspConnection connection, Output out) throws java.io.IOException {
        Optional<String> cseq = request.headers().first(RtspHeaders.CSEQ).map(String::strip);
        if (cseq.isEmpty()) {
            out.write(SessionDialect.forRequest(request).encode(RtspResponse.error(RtspStatus.BAD_REQUEST, "no CSeq header")));
            return;
        }
        if (!isSequenceNumber(cseq.get())) {
            // Not echoed: the answer's CSeq would be as meaningless as the request's.
            out.write(SessionDialect.forRequest(request).encode(RtspResponse.error(RtspStatus.BAD_REQUEST,
                    "CSeq is not a number")));
            return;
        }
        // Credentials first: whose session a request may use depends on who sent it. OPTIONS stays open.
        Access.Identity identity = request.method().equals(RtspMethod.OPTIONS) ? Access.Identity.ANONYMOUS
                : context.access().identify(new Access.Request(request.method().name(), request.target(),
                        request.headers().first("Authorization"), connection.peer().getAddress()));
        ServerExchange exchange = new ServerExchange(request, connection, context,
                identity.refusal().isPresent() ? Optional.empty() : session(request, connection, identity),
                publisher(request, connection), methods);
        exchange.identified(identity);
        RtspResponse response = answer(exchange).replace(RtspHeaders.CSEQ, cseq.get());
        SessionDialect dialect = exchange.serverSession().map(Session::sessionDialect)
                .orElseGet(() -> SessionDialect.forRequest(request));
        out.write(dialect.encode(response));
        exchange.responded();
    }

    /** RFC 2326 §12.17: {@code CSeq = "Cseq" ":" 1*DIGIT}; at most 10 digits, as an unsigned 32-bit value. */
    static boolean isSequenceNumber(String value) {
        if (value.isEmpty() || value.length() > MAX_CSEQ_DIGITS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The live session a request names. A session bound to a connection answers only on that
     * connection; another (UDP) session on another connection only to the user who set it up, with
     * credentials, when the server has users (a session id is no password).
     */
    private Optional<Session> session(RtspRequest request, RtspConnection connection, Access.Identity identity) {
        Optional<Session> session = request.sessionId().flatMap(context.sessions()::find)
                .filter(s -> s.owner().map(owner -> owner == connection).orElse(true))
                .filter(s -> s.connection() == connection || context.access().mayTakeOver(s.user(), identity));
        session.ifPresent(s -> s.touch(System.nanoTime()));
        return session;
    }

    /** The publishing session of this connection, when the request names it. */
    private static Optional<Publisher> publisher(RtspRequest request, RtspConnection connection) {
        Optional<Publisher> publisher = connection.publisher()
                .filter(p -> request.sessionId().map(p.id()::equals).orElse(false));
        publisher.ifPresent(Publisher::touch);
        return publisher;
    }

    private RtspResponse answer(ServerExchange exchange) {
        return respond(exchange).replace(RtspHeaders.SERVER, ServerContext.SERVER_NAME);
    }

    private RtspResponse respond(ServerExchange exchange) {
        RtspRequest request = exchange.request();
        CoreCommand command = core.get(request.method());
        Optional<RtspMethodHandler> handler = command != null ? Optional.empty() : context.extensions().handler(request.method());
        if (command == null && handler.isEmpty()) {
            return RtspResponse.error(RtspStatus.NOT_IMPLEMENTED, "method " + request.method() + " not supported")
                    .with(RtspHeaders.PUBLIC, publicMethods());
        }
        if (exchange.identity().refusal().isPresent()) {
            return refusal(exchange.identity().refusal().get()); // wrong credentials, stale nonce, or waiting
        }
        SessionUse use = command != null ? command.sessionUse() : handler.get().sessionUse();
        Optional<String> sessionId = request.sessionId();
        if (use == SessionUse.REQUIRED) {
            if (sessionId.isEmpty()) {
                return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no Session header");
            }
            if (exchange.serverSession().isEmpty() && exchange.publisher().isEmpty()) {
                return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "no session " + sessionId.get());
            }
        }
        Optional<RtspResponse> refused = authorize(exchange);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (exchange.publisher().isPresent() && request.method().equals(RtspMethod.PLAY)) {
            return RtspResponse.error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "a publishing session sends; it cannot PLAY");
        }
        if (exchange.publisher().isPresent() && handler.isPresent() && request.body().length == 0
                && (request.method().equals(RtspMethod.GET_PARAMETER) || request.method().equals(RtspMethod.SET_PARAMETER))) {
            return RtspResponse.of(RtspStatus.OK); // a publisher's keep-alive
        }
        if (!context.accepting() && opensSomething(exchange)) {
            return RtspResponse.error(RtspStatus.SERVICE_UNAVAILABLE,
                    "this server is draining before a restart and takes no new sessions; connect again");
        }
        Optional<RtspResponse> unpublished = unpublished(exchange);
        if (unpublished.isPresent()) {
            return unpublished.get();
        }
        RtspResponse response;
        try {
            response = command != null ? command.handle(exchange) : handler.get().handle(exchange);
        } catch (OutOfMemoryError e) {
            LOG.error("{}: {} {}: out of memory", exchange.peer(), request.method(), UserInfo.masked(request.target()));
            response = RtspResponse.error(RtspStatus.SERVICE_UNAVAILABLE, "the server is out of memory");
        } catch (Exception e) {
            LOG.error("{}: {} {} failed", exchange.peer(), request.method(), UserInfo.masked(request.target()), e);
            response = RtspResponse.error(RtspStatus.INTERNAL_SERVER_ERROR, e.getClass().getSimpleName());
        }
        Optional<Session> replySession = exchange.serverSession();
        if (replySession.isPresent() && !response.headers().contains(RtspHeaders.SESSION)) {
            Session s = replySession.get();
            response = response.with(RtspHeaders.SESSION,
                    s.sessionDialect().sessionHeader(s.id(), context.config().sessionTimeoutSeconds()));
        } else if (exchange.publisher().isPresent() && !response.headers().contains(RtspHeaders.SESSION)) {
            response = response.with(RtspHeaders.SESSION, SessionDialect.STANDARD.sessionHeader(exchange.publisher().get().id(),
                    context.config().sessionTimeoutSeconds()));
        }
        LOG.debug("{}: {} {} -> {}", exchange.peer(), request.method(), UserInfo.masked(request.target()), response.status());
        return response;
    }

    /**
     * 401, 403 or 429 when the request's sender may not do what it asks, decided by method and mount
     * path before any command or plugin handler runs: DESCRIBE, PLAY and a SETUP to play need
     * {@code read}; ANNOUNCE, RECORD and a SETUP with {@code mode=record} need {@code publish}. The
     * rest (OPTIONS, and requests that act on a session, which only its owner can name) need nothing.
     */
    private Optional<RtspResponse> authorize(ServerExchange exchange) {
        Access.Identity identity = exchange.identity();
        RtspRequest request = exchange.request();
        RtspMethod method = request.method();
        Permission.Action action;
        if (method.equals(RtspMethod.ANNOUNCE) || method.equals(RtspMethod.RECORD)
                || method.equals(RtspMethod.SETUP) && (exchange.publisher().isPresent() || !PublisherSetup.recordOffers(request).isEmpty())) {
            action = Permission.Action.PUBLISH;
        } else if (method.equals(RtspMethod.DESCRIBE) || method.equals(RtspMethod.SETUP) || method.equals(RtspMethod.PLAY)) {
            action = Permission.Action.READ;
        } else {
            return Optional.empty();
        }
        String path = exchange.serverSession().map(s -> s.mount().path())
                .orElseGet(() -> exchange.target().map(RequestTarget::mountPath).orElse(null));
        return context.access().check(identity, action, path, exchange.peer().getAddress()).map(Dispatcher::refusal);
    }

    private static RtspResponse refusal(Access.Refusal r) {
        RtspResponse response = RtspResponse.error(r.status() == 429 ? new RtspStatus(429, "Too Many Requests") : RtspStatus.valueOf(r.status()), r.reason());
        for (String challenge : r.challenges()) {
            response = response.with("WWW-Authenticate", challenge);
        }
        if (r.retryAfterSeconds() > 0) {
            response = response.with("Retry-After", Long.toString(r.retryAfterSeconds()));
        }
        return response;
    }

    /**
     * A viewer's request (DESCRIBE, a SETUP to play, a PLAY without a session) for a
     * {@code publish} mount nobody publishes to gets 404 saying so, whichever handler would answer;
     * one for a path a {@code /*} mount relays, which its upstream refused, gets the refusal (404
     * naming the upstream's answer, 503 when it could not be asked).
     */
    private static Optional<RtspResponse> unpublished(ServerExchange exchange) {
        RtspMethod method = exchange.request().method();
        boolean viewing = method.equals(RtspMethod.DESCRIBE) || method.equals(RtspMethod.PLAY) && exchange.serverSession().isEmpty()
                || method.equals(RtspMethod.SETUP) && exchange.publisher().isEmpty()
                        && PublisherSetup.recordOffers(exchange.request()).isEmpty();
        if (!viewing) {
            return Optional.empty();
        }
        Optional<PatternMounts.Refusal> refusal = exchange.refusal();
        if (refusal.isPresent()) {
            return Optional.of(RtspResponse.error(refusal.get().status(), refusal.get().reason()));
        }
        return exchange.mount()
                .filter(m -> m.source() instanceof PublishedSource p && !p.publishing())
                .map(m -> RtspResponse.error(RtspStatus.NOT_FOUND, "nobody is publishing to " + m.path()));
    }

    /**
     * Whether a request begins something new, which a draining server refuses: DESCRIBE, ANNOUNCE,
     * a SETUP that makes a session (not one for a publisher's next track).
     */
    private static boolean opensSomething(ServerExchange exchange) {
        RtspMethod method = exchange.request().method();
        return method.equals(RtspMethod.DESCRIBE) || method.equals(RtspMethod.ANNOUNCE)
                || method.equals(RtspMethod.SETUP) && exchange.serverSession().isEmpty() && exchange.publisher().isEmpty();
    }

    /** Every method the server answers, for {@code Public}. */
    String publicMethods() {
        return methods.stream().map(RtspMethod::name).collect(Collectors.joining(", "));
    }
}
