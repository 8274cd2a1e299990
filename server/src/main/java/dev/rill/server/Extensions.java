package dev.rill.server;

import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
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

    private Extensions(Map<String, MediaSourceProvider<?>> sources, Map<String, RtpPayloadFormat> formats,
                       Map<RtspMethod, RtspMethodHandler> handlers) {
        this.sources = sources;
        this.formats = formats;
        this.handlers = handlers;
    }

    /** Everything {@code loader} can see. */
    @SuppressWarnings("rawtypes")
    static Extensions load(ClassLoader loader) throws ConfigException {
        List<MediaSourceProvider<?>> providers = new ArrayList<>();
        for (MediaSourceProvider<?> p : load(ServiceLoader.load(MediaSourceProvider.class, loader))) {
            providers.add(p);
        }
        Map<String, MediaSourceProvider<?>> sources = index("media source type", providers, MediaSourceProvider::type);
        Map<String, RtpPayloadFormat> formats = index("payload format",
                load(ServiceLoader.load(RtpPayloadFormat.class, loader)), RtpPayloadFormat::name);
        Map<RtspMethod, RtspMethodHandler> handlers = index("RTSP method",
                load(ServiceLoader.load(RtspMethodHandler.class, loader)), RtspMethodHandler::method);
        Map<String, MediaSourceProvider<?>> typed = new TreeMap<>(sources);
        LOG.info("media sources: {}; payload formats: {}; RTSP methods: {}", typed.keySet(),
                new TreeMap<>(formats).keySet(), handlers.keySet());
        return new Extensions(Collections.unmodifiableMap(typed), Map.copyOf(formats), Collections.unmodifiableMap(handlers));
    }

    private static <T> List<T> load(ServiceLoader<T> loader) {
        List<T> found = new ArrayList<>();
        var it = loader.stream().iterator();
        // A provider that fails to load is logged and skipped; the loop is bounded by the
        // number of META-INF/services entries.
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next().get());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("skipping a plugin that failed to load: {}", e.toString());
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
        return List.copyOf(sources.keySet());
    }

    /** The provider that serves files with this name from the media directory. */
    Optional<MediaSourceProvider<?>> sourceForFile(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return sources.values().stream()
                .filter(p -> p.fileExtensions().stream().anyMatch(ext -> lower.endsWith(ext.toLowerCase(java.util.Locale.ROOT))))
                .findFirst();
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
