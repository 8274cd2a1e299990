package dev.rill.server;

import dev.rill.spi.HttpRouteProvider;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.SessionListenerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ServiceLoader} found: media source providers by type, payload formats by name,
 * method handlers by method. Built-ins come through the same loader as plugins. Two providers
 * of one key stop start-up with a message naming both.
 */
final class Extensions {

    private static final Logger LOG = LoggerFactory.getLogger(Extensions.class);

    private final Map<String, MediaSourceProvider<?>> sources;
    private final Map<String, RtpPayloadFormat> formats;
    private final Map<RtspMethod, RtspMethodHandler> handlers;
    private final Map<String, SessionListenerProvider<?>> listeners;
    private final List<HttpRouteProvider> routes;

    private Extensions(Map<String, MediaSourceProvider<?>> sources, Map<String, RtpPayloadFormat> formats,
                       Map<RtspMethod, RtspMethodHandler> handlers, Map<String, SessionListenerProvider<?>> listeners,
                       List<HttpRouteProvider> routes) {
        this.routes = List.copyOf(routes);
        this.sources = sources;
        this.formats = formats;
        this.handlers = handlers;
        this.listeners = listeners;
    }

    /** Everything the server's own class loader can see. */
    static Extensions load(ClassLoader loader) throws ConfigException {
        return load(loader, List.of());
    }

    /**
     * Everything the server's class loader can see, plus what each plugin jar provides itself
     * (a plugin's loader also sees the server's providers through its parent; those are not
     * counted twice).
     */
    static Extensions load(ClassLoader server, List<PluginDirectory.Plugin> plugins) throws ConfigException {
        Loaders loader = new Loaders(server, plugins);
        List<MediaSourceProvider<?>> providers = new ArrayList<>();
        for (MediaSourceProvider<?> p : load(MediaSourceProvider.class, loader)) {
            providers.add(p);
        }
        Map<String, MediaSourceProvider<?>> sources = index("media source type", providers, MediaSourceProvider::type);
        if (sources.containsKey(PublishedSource.TYPE)) {
            throw new ConfigException(sources.get(PublishedSource.TYPE).getClass().getName() + " offers source type \""
                    + PublishedSource.TYPE + "\", which the server's publishers (ANNOUNCE, RECORD) own; a plugin cannot replace it");
        }
        Map<String, RtpPayloadFormat> formats = index("payload format",
                load(RtpPayloadFormat.class, loader), RtpPayloadFormat::name);
        Map<RtspMethod, RtspMethodHandler> handlers = index("RTSP method",
                load(RtspMethodHandler.class, loader), RtspMethodHandler::method);
        for (CoreCommand core : CoreCommand.all()) {
            RtspMethodHandler claim = handlers.get(core.method());
            if (claim != null) {
                throw new ConfigException(claim.getClass().getName() + " answers " + core.method()
                        + ", which is a core command of the server; a plugin cannot replace it");
            }
        }
        List<SessionListenerProvider<?>> listenerProviders = new ArrayList<>();
        for (SessionListenerProvider<?> p : load(SessionListenerProvider.class, loader)) {
            listenerProviders.add(p);
        }
        Map<String, SessionListenerProvider<?>> listeners = index("session listener type", listenerProviders,
                SessionListenerProvider::type);
        Map<String, HttpRouteProvider> routes = index("HTTP route prefix", load(HttpRouteProvider.class, loader),
                HttpRouteProvider::prefix);
        Map<String, MediaSourceProvider<?>> typed = new TreeMap<>(sources);
        LOG.info("media sources: {}; payload formats: {}; RTSP methods: {}; session listeners: {}; HTTP routes: {}",
                typed.keySet(), new TreeMap<>(formats).keySet(), handlers.keySet(), new TreeMap<>(listeners).keySet(),
                new TreeMap<>(routes).keySet());
        return new Extensions(Collections.unmodifiableMap(typed), Map.copyOf(formats), Collections.unmodifiableMap(handlers),
                Collections.unmodifiableMap(new TreeMap<>(listeners)), List.copyOf(routes.values()));
    }

    /** The server's loader and every plugin jar's. */
    private record Loaders(ClassLoader server, List<PluginDirectory.Plugin> plugins) {
    }

    private static <T> List<T> load(Class<T> service, Loaders loaders) {
        List<T> found = new ArrayList<>(load(ServiceLoader.load(service, loaders.server()), loaders.server(), "the server"));
        for (PluginDirectory.Plugin plugin : loaders.plugins()) {
            found.addAll(load(ServiceLoader.load(service, plugin.loader()), plugin.loader(), plugin.jar().toString()));
        }
        return found;
    }

    /** The providers whose classes {@code owner} itself defines (or all, for the server). */
    private static <T> List<T> load(ServiceLoader<T> loader, ClassLoader owner, String where) {
        List<T> found = new ArrayList<>();
        var it = loader.stream().iterator();
        // A provider that fails to load is logged and skipped; the loop is bounded by the
        // number of META-INF/services entries.
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<T> provider = it.next();
                if (where.equals("the server") || provider.type().getClassLoader() == owner) {
                    T instance = provider.get();
                    found.add(instance);
                    if (!where.equals("the server")) {
                        LOG.info("plugin {} provides {}", where, provider.type().getName());
                    }
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.error("skipping a provider in {} that failed to load: {}", where, e.toString());
            }
        }
        return found;
    }

    private static <K, T> Map<K, T> index(String what, List<T> found, Function<T, K> key) throws ConfigException {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T t : found) {
            T before = byKey.putIfAbsent(key.apply(t), t);
            if (before != null) {
                throw new ConfigException("two plugins provide " + what + " '" + key.apply(t) + "': "
                        + before.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return byKey;
    }

    Optional<MediaSourceProvider<?>> source(String type) {
        return Optional.ofNullable(sources.get(type));
    }

    /** Every source type, sorted, for messages. */
    List<String> sourceTypes() {
        java.util.TreeSet<String> types = new java.util.TreeSet<>(sources.keySet());
        types.add(PublishedSource.TYPE);
        return List.copyOf(types);
    }

    /** The provider that serves files with this name from the media directory. */
    Optional<MediaSourceProvider<?>> sourceForFile(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return sources.values().stream()
                .filter(p -> p.fileExtensions().stream().anyMatch(ext -> lower.endsWith(ext.toLowerCase(java.util.Locale.ROOT))))
                .findFirst();
    }

    Optional<SessionListenerProvider<?>> listener(String type) {
        return Optional.ofNullable(listeners.get(type));
    }

    /** Every session listener type, sorted, for messages. */
    List<String> listenerTypes() {
        return List.copyOf(listeners.keySet());
    }

    /** The plugins' HTTP routes (the server's own are added when the listener starts). */
    List<HttpRouteProvider> routes() {
        return routes;
    }

    Optional<RtpPayloadFormat> format(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    Optional<RtspMethodHandler> handler(RtspMethod method) {
        return Optional.ofNullable(handlers.get(method));
    }

    /** Every method a handler answers, in discovery order. */
    List<RtspMethod> methods() {
        return List.copyOf(handlers.keySet());
    }
}
