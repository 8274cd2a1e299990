package dev.rill.spi;

import java.util.Objects;

/**
 * Whether a source's media is there, as {@link LiveSource#probe} found it: before the server
 * answers the first viewer of a path it relays on demand, it asks, so that a path the upstream
 * does not have gets 404 at once instead of a session that never plays.
 *
 * @param state  what was found
 * @param reason for {@link State#NOT_FOUND} and {@link State#FAILED}: what the upstream answered
 *               or what went wrong, for the viewer's error reply and the log (never credentials);
 *               empty for {@link State#AVAILABLE}
 */
public record Availability(State state, String reason) {

    /** What a probe found. */
    public enum State {
        /** The media is there (or the source cannot tell and will try when played). */
        AVAILABLE,
        /** The upstream says it has no such media (RTSP or HTTP 404): the viewer gets 404. */
        NOT_FOUND,
        /** The upstream could not be asked, or refused otherwise: the viewer gets 503. */
        FAILED
    }

    public Availability {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /** The media is there. */
    public static Availability available() {
        return new Availability(State.AVAILABLE, "");
    }

    /** The upstream has no such media; {@code reason} names its answer. */
    public static Availability notFound(String reason) {
        return new Availability(State.NOT_FOUND, reason);
    }

    /** The upstream could not be asked or refused for another reason. */
    public static Availability failed(String reason) {
        return new Availability(State.FAILED, reason);
    }
}
