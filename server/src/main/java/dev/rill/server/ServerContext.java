package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.SessionState;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What connections and the built-in handlers share: the config, the plugins, the mounts, the
 * session pool, the fragment cache and the sender. One per running server.
 */
final class ServerContext {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);
    static final String SERVER_NAME = "Rill/0.1";

    private final ServerConfig config;
    private final Extensions extensions;
    private final MountTable mounts;
    private final SessionPool sessions;
    private final FragmentCache fragments;
    private final RtpPorts ports;
    private final List<Sender> senders;
    private final AtomicInteger nextSender = new AtomicInteger();
    private final Rtcp rtcp;
    private volatile Listeners listeners = Listeners.none();

    ServerContext(ServerConfig config, Extensions extensions, MountTable mounts, RtpPorts ports) {
        this.config = config;
        this.extensions = extensions;
        this.mounts = mounts;
        this.ports = ports;
        this.fragments = new FragmentCache(config.rtp().maxPacketSize() - dev.rill.spi.RtpPacket.HEADER_LENGTH);
        this.sessions = new SessionPool(config.limits().maxSessions(), config.sessionTimeoutSeconds(),
                s -> end(s, "timed out"));
        this.senders = ports.senders().stream().map(channel -> new Sender(channel, this::endOfStream)).toList();
        this.rtcp = new Rtcp(ports.rtcp(), sessions, (s, report) -> listeners.receptionReported(s, report));
    }

    /** Installs the listeners the config names; called once, before the first connection. */
    void listenWith(Listeners listeners) {
        this.listeners = listeners;
    }

    ServerConfig config() {
        return config;
    }

    Extensions extensions() {
        return extensions;
    }

    MountTable mounts() {
        return mounts;
    }

    SessionPool sessions() {
        return sessions;
    }

    FragmentCache fragments() {
        return fragments;
    }

    RtpPorts ports() {
        return ports;
    }

    /** How far behind schedule the furthest-behind sender is, in nanoseconds. */
    long sendersLagNanos() {
        long now = System.nanoTime();
        long lag = 0;
        for (Sender s : senders) {
            lag = Math.max(lag, s.lagNanos(now));
        }
        return lag;
    }

    /** A sender for a new session: sessions are dealt to the sender threads in turn. */
    Sender nextSender() {
        return senders.get(Math.floorMod(nextSender.getAndIncrement(), senders.size()));
    }

    Rtcp rtcp() {
        return rtcp;
    }

    /** A session was set up. */
    void sessionOpened(Session session) {
        LOG.info("{}: set up, transport {}", session, session.transport());
        listeners.opened(session);
    }

    /** A session started or stopped playing. */
    void stateChanged(Session session, SessionState state) {
        listeners.stateChanged(session, state);
    }

    /** Called by the sender, under the session's lock, when a session's media ran out. */
    private void endOfStream(Session session) {
        LOG.info("{}: end of stream after {} frames", session, session.framesSent());
        if (session.dialect() == Dialect.STANDARD) {
            rtcp.bye(session);
        }
        listeners.stateChanged(session, SessionState.READY);
    }

    /** Ends a session for good: stops sending, says BYE, frees it. Safe to call twice. */
    void end(Session session, String why) {
        session.lock().lock();
        try {
            if (session.stateLocked() == SessionState.CLOSED) {
                return;
            }
            boolean wasPlaying = session.stateLocked() == SessionState.PLAYING;
            session.closedLocked();
            if (session.dialect() == Dialect.STANDARD && wasPlaying) {
                rtcp.bye(session);
            }
        } finally {
            session.lock().unlock();
        }
        sessions.remove(session);
        session.connection().forget(session);
        listeners.closed(session);
        LOG.info("{}: ended ({}), {} frames / {} packets sent", session, why, session.framesSent(), session.packetsSent());
    }

    /** Stops what runs; the sockets belong to {@link RtspServer}. */
    void close() {
        for (Session s : sessions.all()) {
            end(s, "server stopping");
        }
        sessions.close();
        senders.forEach(Sender::close);
        rtcp.close();
        mounts.close();
        listeners.close();
    }
}
