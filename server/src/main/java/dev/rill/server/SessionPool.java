package dev.rill.server;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live session by id, with a bound on how many there may be, and the reaper that ends
 * sessions nobody has kept alive for the session timeout, where their dialect reaps them (the
 * course's clients send no keep-alives; their sessions end with their connection).
 */
final class SessionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Sessions by their RTP SSRC, to match RTCP reports; a rare SSRC clash keeps the first. */
    private final ConcurrentHashMap<Long, Session> bySsrc = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Sessions made or being made: the bound is checked against this. */
    private final AtomicInteger places = new AtomicInteger();
    private final int maxSessions;
    private final long timeoutNanos;
    private final Thread reaper;
    private volatile boolean running = true;

    SessionPool(int maxSessions, int timeoutSeconds) {
        this.maxSessions = maxSessions;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.reaper = Thread.ofVirtual().name("rill-session-reaper").unstarted(this::reap);
    }

    /** Starts the reaper. */
    void start() {
        reaper.start();
    }

    /**
     * Creates and adds a session with a fresh id, or returns empty when the pool is full.
     *
     * @param make builds the session for the id it is given
     */
    Optional<Session> create(SessionDialect dialect, Function<String, Session> make) {
        // A place is taken before the session is made, so SETUPs racing on many connections
        // cannot pass the bound together.
        if (places.incrementAndGet() > maxSessions) {
            places.decrementAndGet();
            return Optional.empty();
        }
        // Bounded: a collision among 2^31 or 2^128 ids is rare, and 16 tries make it vanish.
        for (int attempt = 0; attempt < 16; attempt++) {
            String id = dialect.newId(random);
            Session[] made = new Session[1];
            sessions.computeIfAbsent(id, k -> made[0] = make.apply(k));
            if (made[0] != null) {
                bySsrc.putIfAbsent(made[0].ssrc(), made[0]);
                return Optional.of(made[0]);
            }
        }
        places.decrementAndGet();
        return Optional.empty();
    }

    Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Removes the session from the pool; true when it was there. */
    boolean remove(Session session) {
        bySsrc.remove(session.ssrc(), session);
        boolean removed = sessions.remove(session.id(), session);
        if (removed) {
            places.decrementAndGet();
        }
        return removed;
    }

    /** The session whose stream has this SSRC. */
    Optional<Session> bySsrc(long ssrc) {
        return Optional.ofNullable(bySsrc.get(ssrc));
    }

    int size() {
        return sessions.size();
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
    }

    private void reap() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Session s : sessions.values()) {
                if (s.sessionDialect().reaped() && s.owner().isEmpty() && now - s.lastActivity() > timeoutNanos) {
                    LOG.info("{}: no request or RTCP for {} s, ending it", s, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
                    s.end("timed out");
                }
            }
        }
    }

    @Override
    public void close() {
        // No interrupt: the reaper may be inside a send on a shared channel, which an interrupt
        // would close for everyone. It sees the flag within a second.
        running = false;
    }
}
