package dev.rill.plugin.stats;

import dev.rill.spi.ListenerContext;
import dev.rill.spi.SessionListener;
import dev.rill.spi.SessionListenerProvider;
import java.io.IOException;
import java.time.Clock;

/**
 * Makes the statistics listener: {@code "listeners": [{"type": "stats", ...}]} with a
 * {@link StatsConfig}. It logs a summary line every {@code logEverySeconds} and serves
 * {@code /stats} (JSON), {@code /metrics} (Prometheus text) and {@code /health} over HTTP.
 */
public final class StatsListenerProvider implements SessionListenerProvider<StatsConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "stats";

    public StatsListenerProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<StatsConfig> configType() {
        return StatsConfig.class;
    }

    /** @throws IOException when the HTTP port cannot be bound, naming the address */
    @Override
    public SessionListener create(StatsConfig config, ListenerContext context) throws IOException {
        return StatsListener.start(config, context, Clock.systemUTC());
    }
}
