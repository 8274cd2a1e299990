package dev.rill.server;

import dev.rill.spi.HttpViewerInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP viewer's counters while it streams; written by its own thread, read by statistics. The
 * server-wide totals are kept by {@link HttpMedia}.
 */
final class HttpViewer {

    final String id;
    final InetSocketAddress peer;
    final String mount;
    final Instant startedAt;
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong framesSkipped = new AtomicLong();

    HttpViewer(String id, InetSocketAddress peer, String mount, Instant startedAt) {
        this.id = id;
        this.peer = peer;
        this.mount = mount;
        this.startedAt = startedAt;
    }

    HttpViewerInfo info() {
        return new HttpViewerInfo(id, peer, mount, startedAt, framesSent.get(), bytesSent.get(), framesSkipped.get());
    }
}
