package dev.rill.plugin.testcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import dev.rill.spi.VideoSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TestCardProviderTest {

    private static final SourceContext CONTEXT = new SourceContext(Path.of("."), 15);

    @Test
    @SuppressWarnings("rawtypes")   // ServiceLoader.load takes the raw interface
    void serviceLoaderFindsTheProvider() {
        List<String> types = ServiceLoader.load(MediaSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).map(MediaSourceProvider::type).toList();
        assertTrue(types.contains("testcard"), types.toString());
    }

    @Test
    void declaresItsConfigRecord() {
        assertEquals(TestCardConfig.class, new TestCardProvider().configType());
    }

    @Test
    void opensALiveCardWithTheServerFrameRateByDefault() {
        try (MediaSource source = new TestCardProvider().open(TestCardConfig.defaults(), CONTEXT)) {
            assertInstanceOf(TestCard.class, source);
            assertInstanceOf(LiveSource.class, source);
            assertEquals(OptionalDouble.of(15.0), source.nominalFrameRate());
            assertEquals(Optional.of(new VideoSize(320, 240)), source.videoSize());
        }
    }

    @Test
    void opensWithTheConfiguredSizeAndRate() {
        try (MediaSource source = new TestCardProvider().open(new TestCardConfig(1280, 720, 30.0, 0.5), CONTEXT)) {
            assertEquals(OptionalDouble.of(30.0), source.nominalFrameRate());
            assertEquals(Optional.of(new VideoSize(1280, 720)), source.videoSize());
        }
    }

    @Test
    void refusesAServerDefaultRateAboveSixty() {
        SourceContext fast = new SourceContext(Path.of("."), 120);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestCardProvider().open(TestCardConfig.defaults(), fast));
        assertTrue(e.getMessage().startsWith("fps"), e.getMessage());
    }
}
