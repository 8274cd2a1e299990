package dev.rill.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open RTSP connections, counted in all and per peer address, with those that have sent no
 * request yet kept in the order they came. It admits a newcomer or says why not. When the server
 * is full, the newcomer takes the place of the oldest connection that has never sent a request:
 * connections that connect and stay silent then push out each other, not the viewers.
 *
 * <p>Every operation is a few hash operations under one lock, taken by the accept loop and by
 * each connection at its first request and at its close.
 *
 * @param <C> the connection (a type parameter so that the rules are tested without sockets)
 */
final class ConnectionTable<C> {

    /** Why a newcomer was not admitted. */
    enum Refusal {
        /** Its address already has {@code limits.maxConnectionsPerAddress} connections. */
        ADDRESS_FULL,
        /** {@code limits.maxConnections} are open and every one of them has sent a request. */
        SERVER_FULL
    }

    /** The answer to a newcomer. */
    sealed interface Admission<C> {
    }

    /** Admitted; {@code evicted} gave its place up and is to be closed by the caller. */
    record Admitted<C>(Optional<C> evicted) implements Admission<C> {
    }

    /** Not admitted; the caller closes it. */
    record Refused<C>(Refusal why) implements Admission<C> {
    }

    private final int maxConnections;
    private final int maxPerAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<C, InetAddress> open = new HashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    /** Connections that have sent no request, oldest first. */
    private final LinkedHashSet<C> unused = new LinkedHashSet<>();

    ConnectionTable(int maxConnections, int maxPerAddress) {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("limits must be positive: maxConnections " + maxConnections
                    + ", maxPerAddress " + maxPerAddress);
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Admits {@code connection} from {@code address}, giving up an unused one when full. */
    Admission<C> admit(C connection, InetAddress address) {
        lock.lock();
        try {
            if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
                return new Refused<>(Refusal.ADDRESS_FULL);
            }
            Optional<C> evicted = Optional.empty();
            if (open.size() >= maxConnections) {
                if (unused.isEmpty()) {
                    return new Refused<>(Refusal.SERVER_FULL);
                }
                C oldest = unused.removeFirst();
                forget(oldest);
                evicted = Optional.of(oldest);
            }
            open.put(connection, address);
            perAddress.merge(address, 1, Integer::sum);
            unused.add(connection);
            return new Admitted<>(evicted);
        } finally {
            lock.unlock();
        }
    }

    /** {@code connection} has sent a request: it is never given up for a newcomer. */
    void used(C connection) {
        lock.lock();
        try {
            unused.remove(connection);
        } finally {
            lock.unlock();
        }
    }

    /** {@code connection} has closed; false when it was not in the table (any more). */
    boolean remove(C connection) {
        lock.lock();
        try {
            unused.remove(connection);
            return forget(connection);
        } finally {
            lock.unlock();
        }
    }

    private boolean forget(C connection) {
        InetAddress address = open.remove(connection);
        if (address == null) {
            return false;
        }
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        return true;
    }

    /** Connections open now. */
    int size() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    /** Connections open now from {@code address}. */
    int size(InetAddress address) {
        lock.lock();
        try {
            return perAddress.getOrDefault(address, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Connections that have sent no request yet. */
    int unusedCount() {
        lock.lock();
        try {
            return unused.size();
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the open connections. */
    List<C> all() {
        lock.lock();
        try {
            return List.copyOf(open.keySet());
        } finally {
            lock.unlock();
        }
    }
}
