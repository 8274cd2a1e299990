package dev.rill.spi;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the server offers a session listener when it starts.
 *
 * @param sessions  the live sessions, read when called
 * @param startedAt when the server started
 */
public record ListenerContext(Supplier<List<SessionInfo>> sessions, Instant startedAt) {
}
