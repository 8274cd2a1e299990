package dev.rill.plugin.mjpeg;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import dev.rill.spi.StoredSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MjpegFileProviderTest {

    @TempDir
    Path dir;

    private final MjpegFileProvider provider = new MjpegFileProvider();

    @Test
    void serviceLoaderFindsTheFileAndSampleProviders() {
        Set<String> types = ServiceLoader.load(MediaSourceProvider.class).stream()
                .map(p -> p.get().type()).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("mjpeg-file", "mjpeg-sample")), types.toString());
    }

    @Test
    void typeConfigTypeAndExtensionsAreDeclared() {
        assertEquals("mjpeg-file", provider.type());
        assertEquals(MjpegFileConfig.class, provider.configType());
        assertEquals(Set.of(".Mjpeg", ".mjpg"), provider.fileExtensions());
    }

    @Test
    void relativeFileResolvesAgainstTheBaseDirectoryWithConfiguredRateAndLoop() throws IOException {
        Files.createDirectories(dir.resolve("media"));
        Files.write(dir.resolve("media/clip.Mjpeg"), container(jpeg(10, 1), jpeg(10, 2)));
        try (MediaSource source = provider.open(new MjpegFileConfig("media/clip.Mjpeg", 12.5, true, null), new SourceContext(dir, 25))) {
            assertEquals("clip.Mjpeg", source.describe());
            StoredSource stored = assertInstanceOf(StoredSource.class, source);
            assertEquals(2, stored.frameCount());
            assertEquals(OptionalDouble.of(12.5), source.nominalFrameRate());
            assertTrue(stored.loops());
        }
    }

    @Test
    void missingFpsAndLoopTakeTheServerRateAndNoLoop() throws IOException {
        Path file = Files.write(dir.resolve("clip.Mjpeg"), container(jpeg(10, 1)));
        try (MediaSource source = provider.open(new MjpegFileConfig(file.toString(), null, null, null), new SourceContext(Path.of("/nowhere"), 30))) {
            assertEquals(OptionalDouble.of(30), source.nominalFrameRate());
            assertFalse(((StoredSource) source).loops());
        }
    }

    @Test
    void openFileUsesTheServerRateWithoutLoop() throws IOException {
        Path file = Files.write(dir.resolve("clip.mjpg"), container(jpeg(10, 1)));
        try (MediaSource source = provider.openFile(file, new SourceContext(Path.of("/nowhere"), 15))) {
            assertEquals(OptionalDouble.of(15), source.nominalFrameRate());
            assertFalse(((StoredSource) source).loops());
            assertEquals("clip.mjpg", source.describe());
        }
    }

    @Test
    void fileOverTheConfiguredLimitIsRefused() throws IOException {
        Files.write(dir.resolve("clip.Mjpeg"), container(jpeg(100, 1)));
        MjpegFileConfig config = new MjpegFileConfig("clip.Mjpeg", null, null, 50L);
        IOException e = assertThrows(IOException.class, () -> provider.open(config, new SourceContext(dir, 25)));
        assertTrue(e.getMessage().contains("maxFileBytes"), e.getMessage());
    }

    @Test
    void missingFileIsAnIoException() {
        MjpegFileConfig config = new MjpegFileConfig("absent.Mjpeg", null, null, null);
        assertThrows(IOException.class, () -> provider.open(config, new SourceContext(dir, 25)));
    }
}
