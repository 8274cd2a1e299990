package dev.rill.server;

import dev.rill.wire.UserInfo;
import com.fasterxml.jackson.core.JsonPointer;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.StoredSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.Mount;
import dev.rill.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * URL path to media: the configured mounts, then every file of the media directory (and its
 * subdirectories) that a provider serves, under its file name (and subdirectory). A file is opened
 * once, on its first request, and its source shared by every session; it stays open while sessions
 * play it, and at most {@link #MAX_CACHED_FILES} files nobody plays stay open besides. Nothing
 * outside the media directory can be named: no dot segments, no separators in the name, no links
 * that lead out.
 */
final class MountTable implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MountTable.class);
    /**
     * Opened media-directory files kept while no session plays them; the least recently asked for
     * is closed first. Files that sessions play stay open, however many, and are closed when
     * their last session ends if they were let go meanwhile.
     */
    static final int MAX_CACHED_FILES = 16;

    private final Map<String, Mount> configured;
    /** The config's source {@code "type"} of each configured mount, by path. */
    private final Map<String, String> types;
    private final Path mediaDirectory;
    private final Extensions extensions;
    private final SourceContext context;
    private final PatternMounts patterns;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Path, CachedFile> files = new LinkedHashMap<>(16, 0.75f, true);

    /** An opened file; users and dropped are guarded by the table's lock. */
    private static final class CachedFile {
        final Mount mount;
        final long modified;
        final long size;
        int users;
        boolean dropped;

        CachedFile(Mount mount, long modified, long size) {
            this.mount = mount;
            this.modified = modified;
            this.size = size;
        }
    }

    /** Open files by mount, for {@link #hold} and {@link #release}; guarded by lock. */
    private final java.util.IdentityHashMap<Mount, CachedFile> byMount = new java.util.IdentityHashMap<>();

    private MountTable(Map<String, Mount> configured, Map<String, String> types, Path mediaDirectory, Extensions extensions,
            SourceContext context, PatternMounts patterns) {
        this.patterns = patterns;
        this.configured = configured;
        this.types = types;
        this.mediaDirectory = mediaDirectory;
        this.extensions = extensions;
        this.context = context;
    }

    /** Opens every configured mount; a mount that cannot be opened stops start-up. */
    static MountTable open(ServerConfig config, ConfigLoader loader, Extensions extensions, Path baseDirectory)
            throws ConfigException {
        SourceContext context = new SourceContext(baseDirectory, config.defaultFps());
        Map<String, Mount> mounts = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        List<ServerConfig.MountConfig> list = config.mounts();
        List<PatternMounts.Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ServerConfig.MountConfig mc = list.get(i);
            String type = mc.source().path("type").asText();
            JsonPointer at = JsonPointer.compile("/mounts/" + i + "/source");
            if (mounts.containsKey(mc.path()) || patterns.stream().anyMatch(p -> p.path().equals(mc.path()))) {
                throw new ConfigException(loader.name() + ": mount " + mc.path() + " is listed twice");
            }
            if (PatternMounts.isPattern(mc.path())) {
                patterns.add(pattern(mc, type, at, loader, extensions));
                continue;
            }
            MediaSource source;
            if (type.equals(PublishedSource.TYPE)) {
                loader.bind(mc.source(), PublishConfig.class, at); // refuses keys it does not know
                source = new PublishedSource(mc.path());
            } else {
                MediaSourceProvider<?> provider = extensions.source(type).orElseThrow(() -> new ConfigException(
                        loader.name() + ": mount " + mc.path() + ": unknown source type \"" + type + "\"; known types: "
                                + String.join(", ", extensions.sourceTypes())));
                source = openConfigured(provider, loader, mc, at, context);
            }
            if (!playable(source)) {
                source.close();
                throw new ConfigException(loader.name() + ": mount " + mc.path() + ": " + UserInfo.masked(source.describe())
                        + " from source type \"" + type + "\" is neither a stored nor a live source");
            }
            mounts.put(mc.path(), mount(mc.path(), source, extensions).orElseThrow(() -> new ConfigException(
                    loader.name() + ": mount " + mc.path() + ": no payload format for encoding " + source.encoding())));
            types.put(mc.path(), type);
            LOG.info("mount {} -> {} ({})", mc.path(), UserInfo.masked(source.describe()), type);
        }
        Path media = baseDirectory.resolve(config.mediaDirectory()).toAbsolutePath().normalize();
        if (Files.isDirectory(media)) {
            LOG.info("media directory {} serves {}", media, listMedia(media, extensions));
        } else {
            LOG.info("media directory {} does not exist (yet): nothing served from it until it does", media);
        }
        return new MountTable(java.util.Collections.unmodifiableMap(mounts), Map.copyOf(types), media, extensions, context,
                new PatternMounts(patterns, loader::bind, extensions, context, PatternMounts.Timing.DEFAULT));
    }

    /** A {@code /*} mount: checked now, its sources made per path later ({@link PatternMounts}). */
    private static PatternMounts.Pattern pattern(ServerConfig.MountConfig mc, String type, JsonPointer at,
            ConfigLoader loader, Extensions extensions) throws ConfigException {
        String where = loader.name() + ": mount " + mc.path() + ": ";
        if (type.equals(PublishedSource.TYPE)) {
            throw new ConfigException(where + "a path pattern cannot be a publish mount; publish mounts are named one by one");
        }
        if (mc.recording().isPresent()) {
            throw new ConfigException(where + "a path pattern cannot record; record a mount named by its own path");
        }
        MediaSourceProvider<?> provider = extensions.source(type).orElseThrow(() -> new ConfigException(
                where + "unknown source type \"" + type + "\"; known types: " + String.join(", ", extensions.sourceTypes())));
        PatternMounts.Pattern pattern = PatternMounts.check(mc.path(), type, provider, mc.source(), at, loader::bind);
        LOG.info("mount {} -> every path under {} ({}), opened on demand", mc.path(), pattern.prefix(), type);
        return pattern;
    }

    private static <C extends Record> MediaSource openConfigured(MediaSourceProvider<C> provider, ConfigLoader loader,
            ServerConfig.MountConfig mc, JsonPointer at, SourceContext context) throws ConfigException {
        C bound = loader.bind(mc.source(), provider.configType(), at);
        try {
            return provider.open(bound, context);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(loader.name() + ": mount " + mc.path() + ": " + UserInfo.masked(String.valueOf(e.getMessage())), e);
        }
    }

    /** A {@code publish} mount's source object: nothing but its type, for now. */
    record PublishConfig(String type) {
    }

    /** The sources of {@code publish} mounts. */
    List<PublishedSource> publishedSources() {
        return configured.values().stream().map(Mount::source).filter(PublishedSource.class::isInstance)
                .map(PublishedSource.class::cast).toList();
    }

    /** The server plays the two kinds of source the SPI defines, and nothing else. */
    private static boolean playable(MediaSource source) {
        return source instanceof StoredSource || source instanceof LiveSource;
    }

    private static Optional<Mount> mount(String path, MediaSource source, Extensions extensions) {
        return extensions.format(source.encoding()).map(format -> new Mount(path, source, format));
    }

    private static List<String> listMedia(Path dir, Extensions extensions) {
        List<String> names = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.limit(10_000).map(p -> p.getFileName().toString())
                    .filter(n -> extensions.sourceForFile(n).isPresent()).sorted().forEach(names::add);
        } catch (IOException e) {
            LOG.warn("cannot list media directory {}: {}", dir, e.toString());
        }
        return names;
    }

    /** Paths of the configured mounts, for the log. */
    List<String> configuredPaths() {
        return List.copyOf(configured.keySet());
    }

    /** The configured mounts, in the config's order. */
    List<Mount> configuredMounts() {
        return List.copyOf(configured.values());
    }

    /**
     * The config's source {@code "type"} of a configured mount, or of the pattern relaying a path;
     * empty for media-directory files.
     */
    Optional<String> type(String path) {
        return Optional.ofNullable(types.get(path)).or(() -> patterns.typeOf(path));
    }

    /** The configured mounts, then the paths pattern mounts relay now: what statistics and the page list. */
    List<Mount> listedMounts() {
        List<Mount> listed = new ArrayList<>(configured.values());
        listed.addAll(patterns.relayed());
        return listed;
    }

    Path mediaDirectory() {
        return mediaDirectory;
    }

    /** The mount a decoded path names; empty for anything not served (answer 404). */
    Optional<Mount> resolve(String path) {
        return lookup(path).mount();
    }

    /**
     * The mount a decoded path names, or why there is none: a literal mount first, then a file of
     * the media directory, then the longest {@code /*} pattern above the path, whose source for the
     * path is opened (and its upstream asked) on first use.
     */
    PatternMounts.Lookup lookup(String path) {
        Mount mount = configured.get(path);
        if (mount != null) {
            return PatternMounts.Lookup.of(mount);
        }
        Optional<Mount> file = fromMediaDirectory(path);
        if (file.isEmpty() && path.startsWith("/" + mediaDirectory.getFileName() + "/")) {
            // The course's clients are often run with "media/movie.Mjpeg", the file's path from
            // the course server's working directory: take it as the same file.
            file = fromMediaDirectory(path.substring(mediaDirectory.getFileName().toString().length() + 1));
        }
        return file.map(PatternMounts.Lookup::of).orElseGet(() -> patterns.lookup(path));
    }

    /** Starts closing idle pattern sources; {@code onClosed} hears each one closed. */
    void start(java.util.function.Consumer<MediaSource> onClosed) {
        patterns.start(onClosed);
    }

    /** Paths of the {@code /*} mounts, for the log. */
    List<String> patternPaths() {
        return patterns.paths();
    }

    /** Paths with a pattern source open now, for tests. */
    int patternSources() {
        return patterns.open();
    }

    /**
     * A file of the media directory or one of its subdirectories. {@link RequestTarget} already
     * refused dot segments, empty segments and backslashes; here the resolved file must still lie
     * inside the directory once links are followed.
     */
    private Optional<Mount> fromMediaDirectory(String path) {
        String relative = path.substring(1);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.startsWith(".")) {
            return Optional.empty();
        }
        Optional<MediaSourceProvider<?>> provider = extensions.sourceForFile(name);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        Path file = mediaDirectory.resolve(relative).normalize();
        if (!file.startsWith(mediaDirectory) || file.equals(mediaDirectory)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(mediaDirectory.toRealPath())) {
                return Optional.empty();
            }
            long modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
            long size = Files.size(file);
            return Optional.ofNullable(openFile(path, file, modified, size, provider.get()));
        } catch (IOException e) {
            LOG.error("{}: cannot open: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Mount openFile(String path, Path file, long modified, long size, MediaSourceProvider<?> provider) throws IOException {
        // Opening under the lock makes concurrent first requests for one file read it once.
        lock.lock();
        try {
            CachedFile cached = files.get(file);
            if (cached != null && cached.modified == modified && cached.size == size) {
                return cached.mount;
            }
            MediaSource source = provider.openFile(file, context);
            if (!playable(source)) {
                LOG.error("{}: {} is neither a stored nor a live source", file, source.describe());
                source.close();
                return null;
            }
            Optional<Mount> mount = mount(path, source, extensions);
            if (mount.isEmpty()) {
                LOG.error("{}: no payload format for encoding {}", file, source.encoding());
                source.close();
                return null;
            }
            if (cached != null) {
                drop(cached);
            }
            CachedFile opened = new CachedFile(mount.get(), modified, size);
            files.put(file, opened);
            byMount.put(mount.get(), opened);
            trim();
            LOG.info("opened {} for {}", source.describe(), path);
            return mount.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A session plays {@code mount}: a media-directory file stays open until {@link #release}.
     * Empty when the file was closed since it was resolved (many other files were asked for in
     * between); resolve it again.
     */
    Optional<Mount> hold(Mount mount) {
        if (configured.get(mount.path()) == mount) {
            return Optional.of(mount);
        }
        if (patterns.hold(mount)) {
            return Optional.of(mount);
        }
        lock.lock();
        try {
            CachedFile f = byMount.get(mount);
            if (f == null) {
                return Optional.empty();
            }
            f.users++;
            return Optional.of(mount);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds a mount just resolved for a session or an HTTP viewer: {@code resolved} itself, or,
     * when its file was closed in between (many other files asked for), the file at its path
     * opened anew. Empty when nothing is served there any more.
     */
    Optional<Mount> holdResolved(Mount resolved) {
        return hold(resolved).or(() -> resolve(resolved.path()).flatMap(this::hold));
    }

    /** A session that held {@code mount} ended. */
    void release(Mount mount) {
        patterns.release(mount);
        lock.lock();
        try {
            CachedFile f = byMount.get(mount);
            if (f != null && --f.users == 0 && f.dropped) {
                close(f);
            }
            trim();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the least recently asked for files nobody plays while more than the limit are open and idle. Under lock. */
    private void trim() {
        long idle = files.values().stream().filter(f -> f.users == 0).count();
        for (var it = files.values().iterator(); idle > MAX_CACHED_FILES && it.hasNext(); ) {
            CachedFile f = it.next();
            if (f.users == 0) {
                it.remove();
                close(f);
                idle--;
            }
        }
    }

    /** Takes a file out of the table (changed on disk): closed now if nobody plays it, else by its last session. Under lock. */
    private void drop(CachedFile f) {
        f.dropped = true;
        if (f.users == 0) {
            close(f);
        }
    }

    private void close(CachedFile f) {
        byMount.remove(f.mount);
        try {
            f.mount.source().close();
        } catch (RuntimeException e) {
            LOG.warn("{}: close failed: {}", f.mount.source().describe(), e.toString());
        }
    }

    /** Media-directory files open now, for tests. */
    int openFiles() {
        lock.lock();
        try {
            return byMount.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        configured.values().forEach(m -> m.source().close());
        patterns.close();
        lock.lock();
        try {
            List.copyOf(byMount.values()).forEach(this::close);
            files.clear();
        } finally {
            lock.unlock();
        }
    }
}
