package dev.rill.server;

import dev.rill.spi.RtpPacket;
import dev.rill.spi.SessionState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What connections and the core commands share: the config, the plugins, the mounts, the
 * session pool, the feeds, the senders and RTCP. One per running server; {@link #start} starts
 * its threads, {@link #close} ends every session and stops them. It also hears what sessions say
 * about themselves ({@link Session.Events}) and passes it to the listeners.
 */
final class ServerContext implements Session.Events {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);
    static final String SERVER_NAME = "Rill/0.1";

    /** From this lag on, new work queues (a frame 20 ms late is well inside a 65 ms p99 at 20 fps). */
    static final long MEDIA_LAG_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The longest a request queues; then it is served anyway. */
    static final long MAX_ADMISSION_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ServerConfig config;
    private final Extensions extensions;
    private final MountTable mounts;
    private final SessionPool sessions;
    private final Feeds feeds;
    private final RtpPorts ports;
    private final List<Sender> senders;
    private final AtomicInteger nextSender = new AtomicInteger();
    private final Rtcp rtcp;
    private final Recordings recordings;
    private final Access access;
    private final AdmissionLane admission;
    private volatile Listeners listeners = Listeners.none();
    /** False from the start of a drain: no new session, connection or HTTP viewer. */
    private volatile boolean accepting = true;

    ServerContext(ServerConfig config, Extensions extensions, MountTable mounts, RtpPorts ports) {
        this(config, extensions, mounts, ports, Recordings.none());
    }

    /** @param recordings the recorders to start with the rest; the context closes them */
    ServerContext(ServerConfig config, Extensions extensions, MountTable mounts, RtpPorts ports, Recordings recordings) {
        this.recordings = recordings;
        this.access = Access.of(config);
        this.config = config;
        this.extensions = extensions;
        this.mounts = mounts;
        this.ports = ports;
        this.feeds = new Feeds(config.rtp().maxPacketSize() - RtpPacket.HEADER_LENGTH);
        this.sessions = new SessionPool(config.limits().maxSessions(), config.sessionTimeoutSeconds());
        this.senders = ports.senders().stream().map(Sender::new).toList();
        this.rtcp = new Rtcp(ports.rtcp(), sessions, (s, report) -> listeners.receptionReported(s, report));
        this.admission = new AdmissionLane(this::sendersLagNanos, MEDIA_LAG_LIMIT_NANOS, MAX_ADMISSION_WAIT_NANOS);
    }

    /** Starts the senders, RTCP, the session reaper and the recorders. */
    void start() {
        mounts.publishedSources().forEach(p -> p.onPublisherGone(this::publisherGone));
        mounts.start(feeds::forget);
        senders.forEach(Sender::start);
        rtcp.start();
        sessions.start();
        recordings.start(feeds);
    }

    /** A publisher left: its viewers get BYE and end; the mount waits for the next publisher. */
    private void publisherGone(PublishedSource source) {
        for (Session s : sessions.all()) {
            if (s.mount().source() == source) {
                s.end("the publisher of " + source.path() + " left");
            }
        }
    }

    /** Installs the listeners the config names; called once, before the first connection. */
    void listenWith(Listeners listeners) {
        this.listeners = listeners;
    }

    /** Who may do what ({@code "auth"} in the config). */
    Access access() {
        return access;
    }

    /** True while the server takes new sessions; false while it drains and stops. */
    boolean accepting() {
        return accepting;
    }

    /** The server stops taking new sessions (a drain begins); sessions playing go on. */
    void stopAccepting() {
        accepting = false;
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

    Feeds feeds() {
        return feeds;
    }

    RtpPorts ports() {
        return ports;
    }

    /** Where RTSP requests that add work queue while the senders are late. */
    AdmissionLane admission() {
        return admission;
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

    Recordings recordings() {
        return recordings;
    }

    Rtcp rtcp() {
        return rtcp;
    }

    /** A session was set up. */
    void sessionOpened(Session session) {
        LOG.info("{}: set up, transport {}", session, session.transport());
        listeners.opened(session);
    }

    @Override
    public void stateChanged(Session session, SessionState state) {
        listeners.stateChanged(session, state);
    }

    @Override
    public void endOfStream(Session session) {
        LOG.info("{}: end of stream after {} frames", session, session.framesSent());
        if (session.sessionDialect().rtcp()) {
            rtcp.bye(session);
        }
        // This runs on a sender thread, where no plugin code may: the listeners hear it elsewhere.
        Thread.ofVirtual().name("rill-end-of-stream").start(() -> listeners.stateChanged(session, SessionState.READY));
    }

    @Override
    public void bye(Session session) {
        rtcp.bye(session);
    }

    @Override
    public void ended(Session session, String why) {
        sessions.remove(session);
        session.connection().forget(session);
        feeds.release(session.feed());
        mounts.release(session.mount());
        listeners.closed(session);
        LOG.info("{}: ended ({}), {} frames / {} packets sent", session, why, session.framesSent(), session.packetsSent());
    }

    /** Stops what runs; the sockets belong to {@link RtspServer}. */
    void close() {
        accepting = false;
        for (Session s : sessions.all()) {
            s.end("server stopping");
        }
        sessions.close();
        senders.forEach(Sender::close);
        rtcp.close();
        recordings.close();   // finishes the segments while the sources still run
        feeds.close();
        mounts.close();
        listeners.close();
    }
}
