package dev.rill.server;

import dev.rill.spi.Dialect;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live session by id, with a bound on how many there may be, and the reaper that ends
 * standard sessions nobody has kept alive for the session timeout. Classic sessions are not
 * reaped: the course's clients send no keep-alives; they end with their connection.
 */
final class SessionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    /** Bytes of randomness in a standard session id (RFC 2326 §3.4 asks for unguessable ids). */
    static final int STANDARD_ID_BYTES = 16;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Sessions by their RTP SSRC, to match RTCP reports; a rare SSRC clash keeps the first. */
    private final ConcurrentHashMap<Long, Session> bySsrc = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int maxSessions;
    private final long timeoutNanos;
    private final Consumer<Session> onExpired;
    private final Thread reaper;
    private volatile boolean running = true;

    /**
     * @param onExpired called for a session the reaper ends; it must close the session
     */
    SessionPool(int maxSessions, int timeoutSeconds, Consumer<Session> onExpired) {
        this.maxSessions = maxSessions;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.onExpired = onExpired;
        this.reaper = Thread.ofVirtual().name("rill-session-reaper").start(this::reap);
    }

    /**
     * Creates and adds a session with a fresh id, or returns empty when the pool is full.
     *
     * @param make builds the session for the id it is given
     */
    Optional<Session> create(Dialect dialect, Function<String, Session> make) {
        if (sessions.size() >= maxSessions) {
            return Optional.empty();
        }
        // Bounded: a collision among 2^31 or 2^128 ids is rare, and 16 tries make it vanish.
        for (int attempt = 0; attempt < 16; attempt++) {
            String id = dialect == Dialect.CLASSIC ? classicId() : standardId();
            Session[] made = new Session[1];
            sessions.computeIfAbsent(id, k -> made[0] = make.apply(k));
            if (made[0] != null) {
                bySsrc.putIfAbsent(made[0].ssrc(), made[0]);
                return Optional.of(made[0]);
            }
        }
        return Optional.empty();
    }

    /** A positive decimal below 2^31: the course's Java client reads it with Integer.parseInt. */
    private String classicId() {
        return Integer.toString(1 + random.nextInt(Integer.MAX_VALUE - 1));
    }

    private String standardId() {
        byte[] bytes = new byte[STANDARD_ID_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Removes the session from the pool; true when it was there. */
    boolean remove(Session session) {
        bySsrc.remove(session.ssrc(), session);
        return sessions.remove(session.id(), session);
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
                if (s.dialect() == Dialect.STANDARD && s.owner().isEmpty() && now - s.lastActivity() > timeoutNanos) {
                    LOG.info("{}: no request or RTCP for {} s, ending it", s, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
                    onExpired.accept(s);
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
