package dev.rill.spi;

import java.util.List;

/**
 * The server's HTTP viewers at one moment, and totals that count ended viewers too (they never go
 * down).
 *
 * @param viewers            the viewers streaming now, oldest first
 * @param openedTotal        viewers that began since the server started
 * @param framesSentTotal    parts written to every viewer, ended or not
 * @param bytesSentTotal     bytes written to every viewer
 * @param framesSkippedTotal frames every viewer skipped because it was not reading
 */
public record HttpViewers(List<HttpViewerInfo> viewers, long openedTotal, long framesSentTotal, long bytesSentTotal,
                          long framesSkippedTotal) {

    /** None, for a server without an HTTP listener. */
    public static final HttpViewers NONE = new HttpViewers(List.of(), 0, 0, 0, 0);

    public HttpViewers {
        viewers = List.copyOf(viewers);
    }
}
