package dev.rill.server;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.SessionInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The server's exchange: what plugins see through {@link RtspExchange}, plus the server's own
 * parts for the core commands ({@link CoreCommand}), which live in this package.
 */
final class ServerExchange implements RtspExchange {

    private final RtspRequest request;
    private final RtspConnection connection;
    private final ServerContext context;
    private final Optional<RequestTarget> target;
    private PatternMounts.Lookup lookup;
    private Optional<Session> session;
    private Optional<Publisher> publisher;
    private final java.util.List<Runnable> afterResponse = new java.util.ArrayList<>(1);
    private final List<RtspMethod> methods;
    private Access.Identity identity = Access.Identity.ANONYMOUS;

    ServerExchange(RtspRequest request, RtspConnection connection, ServerContext context, Optional<Session> session,
                   Optional<Publisher> publisher, List<RtspMethod> methods) {
        this.publisher = publisher;
        this.methods = methods;
        this.request = request;
        this.connection = connection;
        this.context = context;
        this.target = RequestTarget.parse(request.target());
        this.session = session;
    }

    @Override
    public RtspRequest request() {
        return request;
    }

    @Override
    public InetSocketAddress peer() {
        return connection.peer();
    }

    @Override
    public InetSocketAddress local() {
        return connection.local();
    }

    @Override
    public Optional<Mount> mount() {
        return lookup().mount();
    }

    /** Why the target has no mount when the server knows more than "nothing here" (a relayed path the upstream refused). */
    Optional<PatternMounts.Refusal> refusal() {
        return lookup().refusal();
    }

    private PatternMounts.Lookup lookup() {
        if (lookup == null) {
            lookup = target.map(t -> context.mounts().lookup(t.mountPath())).orElseGet(PatternMounts.Lookup::nothing);
        }
        return lookup;
    }

    /** The parsed request target; empty when it cannot name anything. */
    Optional<RequestTarget> target() {
        return target;
    }

    @Override
    public Optional<SessionInfo> session() {
        return session.map(s -> s);
    }

    /** The session the request names, or the one SETUP created. */
    Optional<Session> serverSession() {
        return session;
    }

    /** Called by SETUP once it has created the session, so the reply carries its id. */
    void sessionCreated(Session created) {
        created.setUpBy(identity.user());
        this.session = Optional.of(created);
    }

    /** Who sent the request ({@link Access#identify}). */
    Access.Identity identity() {
        return identity;
    }

    void identified(Access.Identity identity) {
        this.identity = identity;
    }

    /** The publishing session the request names, or the one a SETUP with {@code mode=record} set up. */
    Optional<Publisher> publisher() {
        return publisher;
    }

    void publisherSetUp(Publisher p) {
        this.publisher = Optional.of(p);
    }

    @Override
    public List<RtspMethod> methods() {
        return methods;
    }

    /**
     * Runs {@code action} once the response is on the wire: media of a PLAY must not reach the
     * client before the PLAY's response (ffmpeg drops interleaved data that comes first).
     */
    void afterResponse(Runnable action) {
        afterResponse.add(action);
    }

    void responded() {
        afterResponse.forEach(Runnable::run);
    }

    RtspConnection connection() {
        return connection;
    }

    ServerContext context() {
        return context;
    }
}
