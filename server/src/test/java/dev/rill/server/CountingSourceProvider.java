package dev.rill.server;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only source type, "test-counting", that also serves {@value #EXTENSION} files of the
 * media directory: each opens as a small {@link FakeStoredSource} (which counts its closes), and
 * the provider counts how often each file was opened.
 */
public final class CountingSourceProvider implements MediaSourceProvider<CountingSourceProvider.Config> {

    static final String EXTENSION = ".unitclip";
    private static final ConcurrentHashMap<Path, AtomicInteger> OPENS = new ConcurrentHashMap<>();

    /**
     * @param frames how many frames a configured source has
     * @param name   what its {@code describe()} says (default {@code configured})
     */
    public record Config(int frames, String name) {
    }

    /** How often {@code file} was opened, by any test (each test has a directory of its own). */
    static int opens(Path file) {
        AtomicInteger n = OPENS.get(file.toAbsolutePath().normalize());
        return n == null ? 0 : n.get();
    }

    @Override
    public String type() {
        return "test-counting";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public MediaSource open(Config config, SourceContext context) {
        return new FakeStoredSource(config.name() != null ? config.name() : "configured", config.frames(), context.defaultFrameRate(), 16);
    }

    @Override
    public Set<String> fileExtensions() {
        return Set.of(EXTENSION);
    }

    @Override
    public MediaSource openFile(Path file, SourceContext context) {
        OPENS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new AtomicInteger()).incrementAndGet();
        return new FakeStoredSource(file.getFileName().toString(), 10, context.defaultFrameRate(), 16);
    }
}
