package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SessionListenerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every example in config/ loads, and every source and listener in it binds to its plugin's record. */
class ExampleConfigsTest {

    @Test
    void everyExampleConfigLoadsAndBinds() throws Exception {
        Path configDir = Path.of("..", "config");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("target", "plugins")), "no drop-in plugins built");
        List<Path> files;
        try (Stream<Path> list = Files.list(configDir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        try (PluginDirectory plugins = PluginDirectory.open(Path.of("target", "plugins"), getClass().getClassLoader())) {
            Extensions extensions = Extensions.load(getClass().getClassLoader(), plugins.plugins());
            for (Path file : files) {
                ConfigLoader loader = ConfigLoader.ofFile(file);
                ServerConfig config = loader.load();
                for (int i = 0; i < config.mounts().size(); i++) {
                    JsonNode written = config.mounts().get(i).source();
                    JsonNode source = PatternMounts.isPattern(config.mounts().get(i).path())
                            ? PatternMounts.substitute(written, "sample/path") // as the server checks it
                            : written;
                    JsonPointer at = JsonPointer.compile("/mounts/" + i + "/source");
                    if (source.get("type").asText().equals(PublishedSource.TYPE)) {
                        loader.bind(source, MountTable.PublishConfig.class, at); // the server's own type
                        continue;
                    }
                    MediaSourceProvider<?> provider = extensions.source(source.get("type").asText()).orElseThrow(
                            () -> new AssertionError(file + ": unknown source type " + source.get("type")));
                    loader.bind(source, provider.configType(), at);
                }
                for (int i = 0; i < config.listeners().size(); i++) {
                    JsonNode node = config.listeners().get(i);
                    SessionListenerProvider<?> provider = extensions.listener(node.get("type").asText()).orElseThrow();
                    loader.bind(node, provider.configType(), JsonPointer.compile("/listeners/" + i));
                }
                assertFalse(config.rtsp().host().isBlank(), file.toString());
            }
        }
    }
}
