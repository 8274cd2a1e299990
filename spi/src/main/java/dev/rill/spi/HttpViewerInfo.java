package dev.rill.spi;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP viewer ({@code GET /stream/<mount>}, multipart MJPEG) at one moment. Snapshots are not
 * viewers.
 *
 * @param id            unique among the server's HTTP viewers, e.g. {@code h17}
 * @param peer          the viewer's address and port
 * @param mount         the mount's URL path
 * @param startedAt     when its stream began
 * @param framesSent    parts written (one JPEG each)
 * @param bytesSent     bytes written: parts with their headers
 * @param framesSkipped frames passed over because the viewer was not reading fast enough (its write
 *                      blocked), never queued for it
 */
public record HttpViewerInfo(String id, InetSocketAddress peer, String mount, Instant startedAt, long framesSent,
                             long bytesSent, long framesSkipped) {

    public HttpViewerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
