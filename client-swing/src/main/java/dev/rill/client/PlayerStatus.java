package dev.rill.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the player tells its view after every change.
 *
 * @param state    where it is
 * @param busy     true while a request is on its way: no button should be pressed
 * @param message  one line for the status bar
 * @param duration the presentation's length, when the server gave one (then the view shows a slider)
 * @param failed   true when the message reports a failure
 */
record PlayerStatus(PlayerState state, boolean busy, String message, Optional<Duration> duration, boolean failed) {

    PlayerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(duration, "duration");
    }
}
