package dev.rill.plugin.mjpeg;

import dev.rill.spi.CommandLineTool;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineToolServiceTest {

    @Test
    void serviceLoaderFindsCheckAndPack() {
        Set<String> names = ServiceLoader.load(CommandLineTool.class).stream()
                .map(provider -> provider.get().name())
                .collect(Collectors.toSet());

        assertTrue(names.containsAll(Set.of("check", "pack")), names.toString());
    }
}
