package dev.rill.server;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rill.spi.Availability;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.Mount;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SourceContext;
import dev.rill.spi.StoredSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts whose path ends in {@code /*} ({@code /*}, {@code /cams/*}): every request path under the
 * prefix that no literal mount or media file serves gets a source of its own, made from the
 * mount's {@code "source"} with {@code {path}} in its string values replaced by the request path
 * without its leading slash, percent-encoded as a URL path. That is how an edge relays every path
 * of its origin: {@code {"path": "/*", "source": {"type": "rtsp-pull",
 * "url": "rtsp://origin:8554/{path}", "onDemand": true}}}. The longest prefix wins.
 *
 * <p>One source per path, opened on its first request and shared by every viewer; a live source
 * is {@linkplain LiveSource#probe probed} first, and a path whose upstream answers 404 gets 404
 * (remembered for {@link Timing#refusalMemory()}, so a viewer retrying does not hammer the
 * origin). A source nobody has held for {@link Timing#idle()} is closed and forgotten (longer
 * than rtsp-pull's own 10 s linger, which decides when the upstream session ends). At most
 * {@link Timing#maxInstances()} paths have sources at once, so arbitrary paths cannot exhaust the
 * server; past it a new path gets 503.
 */
final class PatternMounts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PatternMounts.class);
    /** The placeholder replaced in a pattern mount's source values. */
    static final String PLACEHOLDER = "{path}";
    /** How often idle sources are looked for. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    /**
     * @param probeTimeout   how long the first request of a path waits for the upstream's answer
     * @param refusalMemory  how long a refused path is answered from memory
     * @param idle           a source nobody held for this long is closed
     * @param maxInstances   sources open at once (and refusals remembered), over every pattern
     */
    record Timing(Duration probeTimeout, Duration refusalMemory, Duration idle, int maxInstances) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(8), Duration.ofSeconds(3), Duration.ofSeconds(30), 1000);
    }

    /** Why a path has no source: the status and reason its viewers get. */
    record Refusal(RtspStatus status, String reason) {
    }

    /** What a path came to: a mount, a refusal, or neither (no pattern matches). */
    record Lookup(Optional<Mount> mount, Optional<Refusal> refusal) {
        static Lookup of(Mount mount) {
            return new Lookup(Optional.of(mount), Optional.empty());
        }

        static Lookup refused(RtspStatus status, String reason) {
            return new Lookup(Optional.empty(), Optional.of(new Refusal(status, reason)));
        }

        static Lookup nothing() {
            return new Lookup(Optional.empty(), Optional.empty());
        }
    }

    /** One configured pattern: the prefix it matches ({@code /} or {@code /cams/}) and its source template. */
    record Pattern(String path, String prefix, String type, MediaSourceProvider<?> provider, JsonNode template,
                   JsonPointer at) {
    }

    /** A path's open source; users and idleSince are guarded by the lock. */
    private static final class Instance {
        final Mount mount;
        int users;
        long idleSince;

        Instance(Mount mount, long now) {
            this.mount = mount;
            this.idleSince = now;
        }
    }

    private record Remembered(Refusal refusal, long until) {
    }

    /** Binds a source template made for one path to its provider's config record. */
    @FunctionalInterface
    interface Binder {
        <C> C bind(JsonNode node, Class<C> type, JsonPointer at) throws ConfigException;
    }

    private final List<Pattern> patterns;
    private final Binder binder;
    private final Extensions extensions;
    private final SourceContext context;
    private final Timing timing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<Mount, Instance> byMount = new IdentityHashMap<>();
    private final Map<String, CompletableFuture<Lookup>> opening = new HashMap<>();
    private final LinkedHashMap<String, Remembered> refused = new LinkedHashMap<>();
    private Consumer<MediaSource> onClosed = source -> { };
    private Thread sweeper;
    private boolean closed;

    PatternMounts(List<Pattern> patterns, Binder binder, Extensions extensions, SourceContext context, Timing timing) {
        this.patterns = patterns.stream().sorted(Comparator.comparingInt((Pattern p) -> p.prefix().length()).reversed())
                .toList();
        this.binder = binder;
        this.extensions = extensions;
        this.context = context;
        this.timing = timing;
    }

    /** Whether a configured mount path is a pattern: it ends in {@code /*}. */
    static boolean isPattern(String path) {
        return path.endsWith("/*");
    }

    /**
     * Checks a pattern mount's source at start-up: it binds with {@code {path}} replaced by a sample
     * path, so an unknown key or a bad value stops start-up as for any mount.
     */
    static Pattern check(String path, String type, MediaSourceProvider<?> provider, JsonNode source, JsonPointer at,
            Binder binder) throws ConfigException {
        binder.bind(substitute(source, "sample"), provider.configType(), at);
        return new Pattern(path, path.substring(0, path.length() - 1), type, provider, source.deepCopy(), at);
    }

    /** Starts the thread that closes idle sources; {@code onClosed} hears each source closed (the feeds forget it). */
    void start(Consumer<MediaSource> onClosed) {
        lock.lock();
        try {
            this.onClosed = onClosed;
            if (!patterns.isEmpty() && sweeper == null && !closed) {
                sweeper = Thread.ofVirtual().name("rill-pattern-sweeper").start(this::sweepLoop);
            }
        } finally {
            lock.unlock();
        }
    }

    List<String> paths() {
        return patterns.stream().map(Pattern::path).toList();
    }

    /** The paths relayed now, in path order: statistics and the page list them beside the configured mounts. */
    List<Mount> relayed() {
        lock.lock();
        try {
            return instances.values().stream().map(i -> i.mount).sorted(java.util.Comparator.comparing(Mount::path)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The source type of the pattern serving {@code path} while that path is relayed. */
    Optional<String> typeOf(String path) {
        lock.lock();
        try {
            if (!instances.containsKey(path)) {
                return Optional.empty();
            }
        } finally {
            lock.unlock();
        }
        return patterns.stream().filter(p -> path.startsWith(p.prefix()) && path.length() > p.prefix().length())
                .findFirst().map(Pattern::type);
    }

    /** The source for {@code path} (decoded, starting with {@code /}), opened and probed on first use. */
    Lookup lookup(String path) {
        Optional<Pattern> match = patterns.stream()
                .filter(p -> path.startsWith(p.prefix()) && path.length() > p.prefix().length()).findFirst();
        if (match.isEmpty()) {
            return Lookup.nothing();
        }
        CompletableFuture<Lookup> pending;
        boolean mine = false;
        lock.lock();
        try {
            if (closed) {
                return Lookup.refused(RtspStatus.SERVICE_UNAVAILABLE, "the server is stopping");
            }
            Instance instance = instances.get(path);
            if (instance != null) {
                if (instance.users == 0) {
                    instance.idleSince = System.nanoTime();
                }
                return Lookup.of(instance.mount);
            }
            Remembered r = refused.get(path);
            if (r != null && r.until() - System.nanoTime() > 0) {
                return new Lookup(Optional.empty(), Optional.of(r.refusal()));
            }
            pending = opening.get(path);
            if (pending == null) {
                if (instances.size() + opening.size() >= timing.maxInstances() && !evictIdle()) {
                    return Lookup.refused(RtspStatus.SERVICE_UNAVAILABLE, "this server relays at most "
                            + timing.maxInstances() + " paths at once, all in use");
                }
                pending = new CompletableFuture<>();
                opening.put(path, pending);
                mine = true;
            }
        } finally {
            lock.unlock();
        }
        if (!mine) {
            return await(pending, path);
        }
        Lookup result = Lookup.refused(RtspStatus.INTERNAL_SERVER_ERROR, "opening " + path + " failed");
        try {
            result = open(match.get(), path);
        } finally {
            settle(path, result, pending);
        }
        return result;
    }

    /** A concurrent first request of the same path waits for the one opening it. */
    private Lookup await(CompletableFuture<Lookup> pending, String path) {
        try {
            return pending.get(timing.probeTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.refused(RtspStatus.SERVICE_UNAVAILABLE, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Lookup.refused(RtspStatus.SERVICE_UNAVAILABLE, "opening " + path + " took too long");
        }
    }

    private void settle(String path, Lookup result, CompletableFuture<Lookup> pending) {
        MediaSource late = null;
        lock.lock();
        try {
            opening.remove(path);
            if (result.mount().isPresent()) {
                if (closed) {
                    late = result.mount().get().source();
                    result = Lookup.refused(RtspStatus.SERVICE_UNAVAILABLE, "the server is stopping");
                } else {
                    Instance instance = new Instance(result.mount().get(), System.nanoTime());
                    instances.put(path, instance);
                    byMount.put(instance.mount, instance);
                }
            } else if (result.refusal().isPresent()) {
                refused.remove(path);
                refused.put(path, new Remembered(result.refusal().get(), System.nanoTime() + timing.refusalMemory().toNanos()));
                while (refused.size() > timing.maxInstances()) {
                    refused.remove(refused.keySet().iterator().next());
                }
            }
        } finally {
            lock.unlock();
        }
        if (late != null) {
            closeQuietly(late);
        }
        pending.complete(result);
    }

    /** Makes, opens and probes the source of one path; outside the lock (the probe waits on the network). */
    private Lookup open(Pattern pattern, String path) {
        MediaSource source;
        try {
            source = openSource(pattern, path);
        } catch (ConfigException | IOException | RuntimeException e) {
            LOG.warn("{}: {} cannot open: {}", path, pattern.type(), e.getMessage());
            return Lookup.refused(RtspStatus.NOT_FOUND, pattern.type() + " for " + path + ": " + e.getMessage());
        }
        if (!(source instanceof StoredSource || source instanceof LiveSource)) {
            closeQuietly(source);
            return Lookup.refused(RtspStatus.INTERNAL_SERVER_ERROR, source.describe() + " is neither a stored nor a live source");
        }
        Optional<Mount> mount = extensions.format(source.encoding()).map(f -> new Mount(path, source, f));
        if (mount.isEmpty()) {
            closeQuietly(source);
            return Lookup.refused(RtspStatus.INTERNAL_SERVER_ERROR, "no payload format for encoding " + source.encoding());
        }
        if (source instanceof LiveSource live) {
            Availability found = probe(live);
            if (found.state() != Availability.State.AVAILABLE) {
                closeQuietly(source);
                LOG.info("{}: {} ({})", path, found.state() == Availability.State.NOT_FOUND ? "not found upstream"
                        : "upstream unavailable", found.reason());
                return Lookup.refused(found.state() == Availability.State.NOT_FOUND ? RtspStatus.NOT_FOUND
                        : RtspStatus.SERVICE_UNAVAILABLE, "upstream: " + found.reason());
            }
        }
        LOG.info("{} -> {} ({}, by mount {})", path, source.describe(), pattern.type(), pattern.path());
        return Lookup.of(mount.get());
    }

    private <C extends Record> MediaSource openSource(Pattern pattern, String path) throws ConfigException, IOException {
        @SuppressWarnings("unchecked")
        MediaSourceProvider<C> provider = (MediaSourceProvider<C>) pattern.provider();
        C config = binder.bind(substitute(pattern.template(), encodePath(path.substring(1))), provider.configType(),
                pattern.at());
        return provider.open(config, context);
    }

    /** Plugin code: a probe that throws is a failed probe. */
    private Availability probe(LiveSource live) {
        try {
            return java.util.Objects.requireNonNull(live.probe(timing.probeTimeout()), "probe()");
        } catch (RuntimeException e) {
            return Availability.failed(live.describe() + ": probe failed: " + e);
        }
    }

    /** {@code template} with {@code {path}} replaced in every string value, at any depth. */
    static JsonNode substitute(JsonNode template, String value) {
        JsonNode copy = template.deepCopy();
        replaceIn(copy, value);
        return copy;
    }

    private static void replaceIn(JsonNode node, String value) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(field.getValue().asText().replace(PLACEHOLDER, value)));
                } else {
                    replaceIn(field.getValue(), value);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(array.get(i).asText().replace(PLACEHOLDER, value)));
                } else {
                    replaceIn(array.get(i), value);
                }
            }
        }
    }

    /**
     * A decoded path percent-encoded as a URL path (RFC 3986 §3.3): segment characters and
     * {@code /} as they are, every other byte of its UTF-8 as {@code %XX}.
     */
    static String encodePath(String decoded) {
        StringBuilder out = new StringBuilder(decoded.length() + 8);
        for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** A session or HTTP viewer holds a path's source; false when it is not (any longer) one of ours. */
    boolean hold(Mount mount) {
        lock.lock();
        try {
            Instance instance = byMount.get(mount);
            if (instance == null) {
                return false;
            }
            instance.users++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code mount} is a path's source made here (and not yet closed). */
    boolean owns(Mount mount) {
        lock.lock();
        try {
            return byMount.containsKey(mount);
        } finally {
            lock.unlock();
        }
    }

    /** The holder of {@code mount} let go; the source is closed once idle for {@link Timing#idle()}. */
    void release(Mount mount) {
        lock.lock();
        try {
            Instance instance = byMount.get(mount);
            if (instance != null && --instance.users == 0) {
                instance.idleSince = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Paths with a source open now, for tests and the log. */
    int open() {
        lock.lock();
        try {
            return instances.size();
        } finally {
            lock.unlock();
        }
    }

    /** Makes room for one more path by closing the longest idle source; false when all are held. Under lock. */
    private boolean evictIdle() {
        Optional<Map.Entry<String, Instance>> oldest = instances.entrySet().stream()
                .filter(e -> e.getValue().users == 0).min(Comparator.comparingLong(e -> e.getValue().idleSince));
        if (oldest.isEmpty()) {
            return false;
        }
        Instance instance = instances.remove(oldest.get().getKey());
        byMount.remove(instance.mount);
        Thread.ofVirtual().name("rill-pattern-close").start(() -> closeSource(instance.mount.source()));
        return true;
    }

    private void sweepLoop() {
        while (true) {
            List<MediaSource> idle = new ArrayList<>();
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closing.await(SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                for (var it = instances.values().iterator(); it.hasNext(); ) {
                    Instance instance = it.next();
                    if (instance.users == 0 && now - instance.idleSince > timing.idle().toNanos()) {
                        it.remove();
                        byMount.remove(instance.mount);
                        idle.add(instance.mount.source());
                    }
                }
                refused.values().removeIf(r -> r.until() - now <= 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            idle.forEach(this::closeSource);
        }
    }

    private void closeSource(MediaSource source) {
        LOG.info("closing {}: nobody used it for {} s", source.describe(), timing.idle().toSeconds());
        closeQuietly(source);
        try {
            onClosed.accept(source);
        } catch (RuntimeException e) {
            LOG.warn("{}: after close: {}", source.describe(), e.toString());
        }
    }

    private static void closeQuietly(MediaSource source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: close failed: {}", source.describe(), e.toString());
        }
    }

    @Override
    public void close() {
        List<MediaSource> all;
        Thread thread;
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
            thread = sweeper;
            all = instances.values().stream().map(i -> i.mount.source()).toList();
            instances.clear();
            byMount.clear();
            refused.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(PatternMounts::closeQuietly);
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
