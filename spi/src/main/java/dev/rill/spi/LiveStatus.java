package dev.rill.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link LiveSource} tells statistics about its input at one moment. The counters count from
 * the source's making, across reconnects and across {@link LiveSource#start}/{@link LiveSource#stop},
 * and never go down.
 *
 * @param state         where the source is with its input
 * @param peer          the publisher's or upstream's address as {@code host:port}, never with credentials;
 *                      empty when there is none (nobody publishes, a synthetic source)
 * @param framesIn      whole frames received (or made), delivered to viewers or not
 * @param framesDropped frames received broken or refused (incomplete, too big, not a JPEG) and not delivered
 * @param bytesIn       media bytes received from the peer: RTP packets (header and payload) from a
 *                      publisher or an RTSP upstream, JPEG parts from an HTTP camera, JPEG bytes made by a
 *                      synthetic source
 * @param reconnects    attempts made after the upstream dropped or refused; for {@code publish}, publishers
 *                      that came after the first
 */
public record LiveStatus(State state, Optional<String> peer, long framesIn, long framesDropped, long bytesIn,
                         long reconnects) {

    /** Where a live source is with its input. */
    public enum State {
        /** Not receiving and not trying to: nobody watches an on-demand source, or nobody publishes. */
        WAITING,
        /** Connecting to the upstream, or in its request dialogue. */
        CONNECTING,
        /** Frames are coming. */
        LIVE,
        /** The input dropped or was refused; waiting before the next attempt. */
        RETRYING,
        /** Closed for good. */
        STOPPED
    }

    public LiveStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(peer, "peer");
        if (framesIn < 0 || framesDropped < 0 || bytesIn < 0 || reconnects < 0) {
            throw new IllegalArgumentException("live status counters are >= 0: framesIn " + framesIn + ", framesDropped "
                    + framesDropped + ", bytesIn " + bytesIn + ", reconnects " + reconnects);
        }
    }
}
