package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.SessionState;
import java.net.InetSocketAddress;
import java.util.Optional;
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
    private final Sender sender;
    private final Rtcp rtcp;

    ServerContext(ServerConfig config, Extensions extensions, MountTable mounts, RtpPorts ports) {
        this.config = config;
        this.extensions = extensions;
        this.mounts = mounts;
        this.ports = ports;
        this.fragments = new FragmentCache(config.rtp().maxPacketSize() - dev.rill.spi.RtpPacket.HEADER_LENGTH);
        this.rtcp = new Rtcp(ports.rtcp(), this::findBySsrcSource);
        this.sender = new Sender(ports.rtp(), this::endOfStream);
        this.sessions = new SessionPool(config.limits().maxSessions(), config.sessionTimeoutSeconds(),
                s -> end(s, "timed out"));
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

    Sender sender() {
        return sender;
    }

    Rtcp rtcp() {
        return rtcp;
    }

    /** A session was set up. */
    void sessionOpened(Session session) {
        LOG.info("{}: set up, transport {}", session, session.transport());
    }

    /** Called by the sender, under the session's lock, when a session's media ran out. */
    private void endOfStream(Session session) {
        LOG.info("{}: end of stream after {} frames", session, session.framesSent());
        if (session.dialect() == Dialect.STANDARD) {
            rtcp.bye(session);
        }
    }

    /** The session an RTCP packet from {@code from} belongs to, for liveness. */
    private Optional<Session> findBySsrcSource(InetSocketAddress from) {
        for (Session s : sessions.all()) {
            if (s.target() instanceof RtpTarget.Udp udp && udp.rtcp().filter(from::equals).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
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
        session.owner().ifPresent(c -> c.forget(session));
        LOG.info("{}: ended ({}), {} frames / {} packets sent", session, why, session.framesSent(), session.packetsSent());
    }

    /** Stops what runs; the sockets belong to {@link RtspServer}. */
    void close() {
        for (Session s : sessions.all()) {
            end(s, "server stopping");
        }
        sessions.close();
        sender.close();
        rtcp.close();
        mounts.close();
    }
}
