package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.spi.Availability;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.Mount;
import dev.rill.spi.SourceContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /*} mounts: {@code {path}} substituted and percent-encoded, one source per path, probed
 * once; refusals remembered; idle sources closed; a bound on sources open at once; patterns that
 * cannot be configured refused at start-up.
 */
class PatternMountsTest {

    @TempDir
    Path dir;
    private PatternMounts patterns;
    private final List<MediaSource> closedSources = new CopyOnWriteArrayList<>();
    private final ProbedProvider provider = new ProbedProvider();

    @AfterEach
    void close() {
        if (patterns != null) {
            patterns.close();
        }
    }

    /** A test source type whose {@code url} names what it relays; a name with "missing" is not upstream. */
    static final class ProbedProvider implements MediaSourceProvider<ProbedProvider.Config> {
        record Config(String url) {
        }

        final Map<String, ProbedSource> opened = new ConcurrentHashMap<>();

        @Override
        public String type() {
            return "test-probed";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public MediaSource open(Config config, SourceContext context) {
            ProbedSource source = new ProbedSource(config.url());
            opened.put(config.url(), source);
            return source;
        }
    }

    static final class ProbedSource implements LiveSource {
        final String url;
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        ProbedSource(String url) {
            this.url = url;
        }

        @Override
        public Availability probe(Duration timeout) {
            probes.incrementAndGet();
            return url.contains("missing") ? Availability.notFound("DESCRIBE was answered 404 Not Found") : Availability.available();
        }

        @Override
        public void start(FrameSink sink) {
        }

        @Override
        public void stop() {
        }

        @Override
        public String encoding() {
            return FakePayloadFormat.NAME;
        }

        @Override
        public OptionalDouble nominalFrameRate() {
            return OptionalDouble.empty();
        }

        @Override
        public String describe() {
            return "probed " + url;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private void open(PatternMounts.Timing timing, String... prefixes) throws Exception {
        ConfigLoader loader = ConfigLoader.ofText("pattern-test.json", "{}");
        List<PatternMounts.Pattern> list = new java.util.ArrayList<>();
        for (String path : prefixes) {
            var source = new ObjectMapper().readTree("{\"type\": \"test-probed\", \"url\": \"up://origin/{path}\"}");
            list.add(PatternMounts.check(path, "test-probed", provider, source, JsonPointer.compile("/mounts/0/source"),
                    loader::bind));
        }
        patterns = new PatternMounts(list, loader::bind, Extensions.load(PatternMountsTest.class.getClassLoader()),
                new SourceContext(dir, 20), timing);
        patterns.start(closedSources::add);
    }

    private static PatternMounts.Timing timing(Duration idle, int max) {
        return new PatternMounts.Timing(Duration.ofSeconds(5), Duration.ofSeconds(30), idle, max);
    }

    @Test
    void thePathReplacesThePlaceholderPercentEncodedAndOnlyPathsUnderThePrefixMatch() throws Exception {
        open(PatternMounts.Timing.DEFAULT, "/cams/*");
        Mount mount = patterns.lookup("/cams/a b/ü?x").mount().orElseThrow();
        assertEquals("/cams/a b/ü?x", mount.path());
        assertEquals("up://origin/cams/a%20b/%C3%BC%3Fx", ((ProbedSource) mount.source()).url);
        assertTrue(patterns.lookup("/other").mount().isEmpty());
        assertTrue(patterns.lookup("/cams/").mount().isEmpty());
        assertTrue(patterns.lookup("/cams/").refusal().isEmpty(), "no pattern matches: plain 404");
    }

    @Test
    void everyRequestOfAPathSharesOneSourceProbedOnce() throws Exception {
        open(PatternMounts.Timing.DEFAULT, "/*");
        Mount first = patterns.lookup("/one").mount().orElseThrow();
        assertSame(first, patterns.lookup("/one").mount().orElseThrow());
        assertTrue(patterns.hold(first));
        assertEquals(1, provider.opened.get("up://origin/one").probes.get());
        assertEquals(1, patterns.open());
    }

    @Test
    void aPathTheUpstreamLacksIsRefusedWith404AndTheRefusalIsRemembered() throws Exception {
        open(PatternMounts.Timing.DEFAULT, "/*");
        PatternMounts.Lookup lookup = patterns.lookup("/missing");
        assertTrue(lookup.mount().isEmpty());
        assertEquals(404, lookup.refusal().orElseThrow().status().code());
        assertTrue(lookup.refusal().get().reason().contains("404 Not Found"), lookup.refusal().get().reason());
        assertEquals(404, patterns.lookup("/missing").refusal().orElseThrow().status().code());
        ProbedSource source = provider.opened.get("up://origin/missing");
        assertEquals(1, source.probes.get(), "the second request is answered from memory");
        assertEquals(1, source.closes.get(), "a refused source is closed at once");
        assertEquals(0, patterns.open());
    }

    @Test
    void aSourceNobodyHoldsIsClosedAfterItsIdleTimeAndAHeldOneIsNot() throws Exception {
        open(timing(Duration.ofMillis(200), 10), "/*");
        Mount held = patterns.lookup("/held").mount().orElseThrow();
        Mount idle = patterns.lookup("/idle").mount().orElseThrow();
        assertTrue(patterns.hold(held));
        await().atMost(Duration.ofSeconds(20)).until(() -> closedSources.contains(idle.source()));
        assertEquals(1, ((ProbedSource) idle.source()).closes.get());
        assertEquals(0, ((ProbedSource) held.source()).closes.get());
        assertTrue(!patterns.hold(idle), "a closed source cannot be held; the path is looked up anew");
        Mount again = patterns.lookup("/idle").mount().orElseThrow();
        assertTrue(again != idle);
        patterns.release(held);
        await().atMost(Duration.ofSeconds(20)).until(() -> closedSources.contains(held.source()));
    }

    @Test
    void pastTheBoundANewPathGets503UntilASourceIsLetGo() throws Exception {
        open(timing(Duration.ofHours(1), 2), "/*");
        Mount a = patterns.lookup("/a").mount().orElseThrow();
        Mount b = patterns.lookup("/b").mount().orElseThrow();
        assertTrue(patterns.hold(a));
        assertTrue(patterns.hold(b));
        assertEquals(503, patterns.lookup("/c").refusal().orElseThrow().status().code());
        patterns.release(b);
        assertTrue(patterns.lookup("/d").mount().isPresent(), "the idle /b made room");
        assertEquals(2, patterns.open());
        await().atMost(Duration.ofSeconds(20)).until(() -> ((ProbedSource) b.source()).closes.get() == 1);
    }

    @Test
    void aPatternThatCannotBeConfiguredStopsStartUp() {
        ConfigException publish = assertThrows(ConfigException.class, () -> table("""
                {"mounts": [{"path": "/live/*", "source": {"type": "publish"}}]}"""));
        assertTrue(publish.getMessage().contains("cannot be a publish mount"), publish.getMessage());
        ConfigException unknownKey = assertThrows(ConfigException.class, () -> table("""
                {"mounts": [{"path": "/*", "source": {"type": "rtsp-pull", "url": "rtsp://o/{path}", "bogus": 1}}]}"""));
        assertTrue(unknownKey.getMessage().contains("bogus"), unknownKey.getMessage());
        ConfigException star = assertThrows(ConfigException.class, () -> table("""
                {"mounts": [{"path": "/a/*/b", "source": {"type": "rtsp-pull", "url": "rtsp://o/{path}"}}]}"""));
        assertTrue(star.getMessage().contains("last segment"), star.getMessage());
    }

    private void table(String json) throws ConfigException {
        ConfigLoader loader = ConfigLoader.ofText("pattern-config.json", json);
        MountTable.open(loader.load(), loader, Extensions.load(PatternMountsTest.class.getClassLoader()), dir).close();
    }
}
