package dev.rill.server;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.spi.ListenerContext;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionListener;
import dev.rill.spi.SessionListenerProvider;
import dev.rill.spi.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session listeners the config names, told of every session event. A listener that throws
 * is logged and the others still hear the event; the server goes on either way.
 */
final class Listeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<SessionListener> listeners;

    private Listeners(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static Listeners none() {
        return new Listeners(List.of());
    }

    /** Starts every listener of {@code config.listeners()}; one that cannot start stops start-up. */
    static Listeners start(ServerConfig config, ConfigLoader loader, Extensions extensions, ListenerContext context)
            throws ConfigException {
        List<SessionListener> started = new ArrayList<>();
        try {
            for (int index = 0; index < config.listeners().size(); index++) {
                int i = index;
                JsonNode node = config.listeners().get(i);
                if (!node.isObject() || !node.path("type").isTextual()) {
                    throw new ConfigException(loader.name() + ": key \"listeners[" + i + "]\": expected an object with a \"type\"");
                }
                String type = node.get("type").asText();
                SessionListenerProvider<?> provider = extensions.listener(type).orElseThrow(() -> new ConfigException(
                        loader.name() + ": key \"listeners[" + i + "].type\": unknown listener type \"" + type
                                + "\"; known types: " + String.join(", ", extensions.listenerTypes())));
                started.add(create(provider, node, JsonPointer.compile("/listeners/" + i), loader, context));
                LOG.info("session listener {} started", type);
            }
        } catch (ConfigException e) {
            started.forEach(SessionListener::close);
            throw e;
        }
        return new Listeners(started);
    }

    private static <C extends Record> SessionListener create(SessionListenerProvider<C> provider, JsonNode node,
            JsonPointer at, ConfigLoader loader, ListenerContext context) throws ConfigException {
        C config = loader.bind(node, provider.configType(), at);
        try {
            return provider.create(config, context);
        } catch (Exception e) {
            throw new ConfigException(loader.name() + ": listener \"" + provider.type() + "\" cannot start: " + e.getMessage(), e);
        }
    }

    /** The started listeners, for the HTTP routes of the plugins that made them. */
    List<SessionListener> all() {
        return listeners;
    }

    void opened(SessionInfo s) {
        each(l -> l.opened(s));
    }

    void stateChanged(SessionInfo s, SessionState state) {
        each(l -> l.stateChanged(s, state));
    }

    void receptionReported(SessionInfo s, ReceptionReport report) {
        each(l -> l.receptionReported(s, report));
    }

    void closed(SessionInfo s) {
        each(l -> l.closed(s));
    }

    private void each(Consumer<SessionListener> event) {
        for (SessionListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        each(SessionListener::close);
    }
}
