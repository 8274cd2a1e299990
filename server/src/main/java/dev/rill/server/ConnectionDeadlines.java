package dev.rill.server;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The timing of one RTSP connection, apart from its reading: when a begun request must be
 * complete, when the first request must have come, when a connection with no session is idle, when a peer that takes none of our bytes
 * is gone, and so how long the next read may block. Times are {@code System.nanoTime()} values;
 * used by the connection's own thread only.
 */
final class ConnectionDeadlines {

    /** Why a connection is closed for its timing. */
    enum Expiry {
        /** A request was begun and not finished within the request timeout: 408. */
        REQUEST_TIMEOUT,
        /** The peer took none of our bytes for {@link #WRITE_STALL_NANOS}. */
        WRITE_STALL,
        /**
         * No request came within the first-request timeout of the connection's start: a peer that
         * connects and stays silent holds a place that a viewer may need.
         */
        NO_REQUEST,
        /** Nothing arrived for the idle timeout and no session lives on the connection. */
        IDLE
    }

    /** A peer that takes none of our bytes for this long is gone, whatever TCP thinks. */
    static final long WRITE_STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * The longest a read blocks before the connection looks at its deadlines again. Reads
     * otherwise end at the nearest deadline: a connection that merely keeps its sessions wakes
     * this seldom (each timeout costs an exception, and there may be thousands of connections).
     */
    static final long MAX_POLL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * The longest a read blocks on a connection that has no deadline at all: sessions live on it
     * (so it is never idle), nothing of a request is buffered, and no other thread writes to it
     * (its media goes over UDP, so only its own thread writes, its responses). It wakes only so
     * that no wait is unbounded: each wake costs an exception and a parked thread's stack copy,
     * which at thousands of connections was most of what the server allocated while streaming.
     */
    static final long QUIET_POLL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final long requestTimeout;
    private final long idleTimeout;
    private final long firstRequestTimeout;
    private final long opened;
    private long lastByte;
    private long messageStart;
    private boolean requested;

    /** A connection accepted at {@code now}; timeouts in nanoseconds. */
    ConnectionDeadlines(long requestTimeoutNanos, long idleTimeoutNanos, long firstRequestTimeoutNanos, long now) {
        this.requestTimeout = requestTimeoutNanos;
        this.idleTimeout = idleTimeoutNanos;
        this.firstRequestTimeout = firstRequestTimeoutNanos;
        this.opened = now;
        this.lastByte = now;
    }

    long idleTimeoutNanos() {
        return idleTimeout;
    }

    long firstRequestTimeoutNanos() {
        return firstRequestTimeout;
    }

    long requestTimeoutNanos() {
        return requestTimeout;
    }

    /** Bytes arrived at {@code now}; {@code startsMessage} when nothing of a request was buffered. */
    void bytesArrived(long now, boolean startsMessage) {
        lastByte = now;
        if (startsMessage) {
            messageStart = now;
        }
    }

    /** A whole request arrived: the first-request timeout no longer applies. */
    void requestArrived() {
        requested = true;
    }

    /** A message was handled: the next one's time starts now. */
    void requestHandled(long now) {
        messageStart = now;
    }

    /**
     * How long the next read may block, in milliseconds (at least 1): until the nearest deadline,
     * at most {@link #MAX_POLL_NANOS}, or {@link #QUIET_POLL_NANOS} where no deadline can come.
     *
     * @param partialRequest part of a request is buffered
     * @param hasSessions    sessions live on the connection (then it is never idle)
     * @param stalledNanos   how long the peer has taken none of our bytes, 0 when it keeps up
     * @param othersWrite    another thread writes to the connection (its media or RTCP), so a
     *                       write may stall while this one reads
     */
    int readTimeoutMillis(long now, boolean partialRequest, boolean hasSessions, long stalledNanos, boolean othersWrite) {
        long wait = hasSessions && !othersWrite ? QUIET_POLL_NANOS : MAX_POLL_NANOS;
        if (partialRequest) {
            wait = Math.min(wait, messageStart + requestTimeout - now);
        }
        if (!hasSessions) {
            wait = Math.min(wait, lastByte + idleTimeout - now);
            if (!requested) {
                wait = Math.min(wait, opened + firstRequestTimeout - now);
            }
        }
        if (stalledNanos > 0) {
            wait = Math.min(wait, WRITE_STALL_NANOS - stalledNanos);
        }
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
    }

    /** The deadline that has passed at {@code now}, if any, in the order they are acted on. */
    Optional<Expiry> expired(long now, boolean partialRequest, boolean hasSessions, long stalledNanos) {
        if (partialRequest && now - messageStart > requestTimeout) {
            return Optional.of(Expiry.REQUEST_TIMEOUT);
        }
        if (stalledNanos > WRITE_STALL_NANOS) {
            return Optional.of(Expiry.WRITE_STALL);
        }
        if (!requested && !hasSessions && now - opened > firstRequestTimeout) {
            return Optional.of(Expiry.NO_REQUEST);
        }
        if (!partialRequest && !hasSessions && now - lastByte > idleTimeout) {
            return Optional.of(Expiry.IDLE);
        }
        return Optional.empty();
    }
}
