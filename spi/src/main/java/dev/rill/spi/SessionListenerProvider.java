package dev.rill.spi;

/**
 * Makes {@link SessionListener}s of one type. Found with {@link java.util.ServiceLoader}; active
 * when the config's {@code "listeners"} names its {@link #type()}.
 *
 * @param <C> the record the rest of the listener's config object is bound to
 */
public interface SessionListenerProvider<C extends Record> {

    /** The config's {@code "type"}, e.g. {@code "stats"}. */
    String type();

    /** The record type of this provider's config. */
    Class<C> configType();

    /**
     * Starts a listener.
     *
     * @throws Exception when it cannot start (e.g. its HTTP port is taken): start-up stops
     */
    SessionListener create(C config, ListenerContext context) throws Exception;
}
