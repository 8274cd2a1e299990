package dev.rill.spi;

import java.io.IOException;

/**
 * Answers the requests of one {@link HttpRouteProvider}'s prefix. Runs on a virtual thread of its
 * own per request and may block (a stream runs as long as its viewer watches); the listener bounds
 * how many run at once.
 */
@FunctionalInterface
public interface HttpRoute {

    /**
     * Answers {@code call} with exactly one {@link HttpCall#respond} or {@link HttpCall#stream}.
     * A route that returns without answering gets a 500; an {@link IOException} (the peer went
     * away) ends the exchange quietly.
     */
    void handle(HttpCall call) throws IOException;
}
