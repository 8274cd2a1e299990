package dev.rill.server;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the accept loop says about connections it refuses or evicts: a flood of them makes one
 * line per kind every {@link #INTERVAL_NANOS}, with a count, not a line each. Used by the accept
 * thread only.
 */
final class AdmissionLog {

    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    /** At most one line per this interval for each kind. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxConnections;
    private final int maxPerAddress;
    private final LogThrottle addressFull = new LogThrottle(INTERVAL_NANOS);
    private final LogThrottle serverFull = new LogThrottle(INTERVAL_NANOS);
    private final LogThrottle evicted = new LogThrottle(INTERVAL_NANOS);

    AdmissionLog(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    void refused(ConnectionTable.Refusal why, InetSocketAddress peer) {
        long now = System.nanoTime();
        switch (why) {
            case ADDRESS_FULL -> {
                long n = addressFull.event(now);
                if (n > 0) {
                    LOG.warn("refused {} connection(s) from addresses with {} open (limits.maxConnectionsPerAddress) "
                            + "since the last such line, the latest from {}", n, maxPerAddress,
                            peer.getAddress().getHostAddress());
                }
            }
            case SERVER_FULL -> {
                long n = serverFull.event(now);
                if (n > 0) {
                    LOG.warn("{} connections open (limits.maxConnections), all in use: refused {} since the last such "
                            + "line, the latest from {}", maxConnections, n, peer);
                }
            }
        }
    }

    void evicted(InetSocketAddress peer) {
        long n = evicted.event(System.nanoTime());
        if (n > 0) {
            LOG.info("{} connections open (limits.maxConnections): closed {} that had sent no request, to admit newer "
                    + "ones, the latest from {}", maxConnections, n, peer);
        }
    }
}
