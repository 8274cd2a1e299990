package dev.rill.spi;

import java.util.List;

/**
 * What the server offers an {@link HttpRouteProvider} when it makes its route.
 *
 * @param listeners the session listeners the config started, e.g. for a plugin's routes that serve
 *                  what its own listener collected
 * @param server    what session listeners are offered: the live sessions, when the server started
 */
public record HttpRouteContext(List<SessionListener> listeners, ListenerContext server) {
    public HttpRouteContext {
        listeners = List.copyOf(listeners);
        java.util.Objects.requireNonNull(server, "server");
    }
}
