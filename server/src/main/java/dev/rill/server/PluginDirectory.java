package dev.rill.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in plugin jars: every {@code *.jar} in the plugin directory gets a class loader of its
 * own whose parent is the server's, so a plugin sees the SPI and nothing of other plugins. A jar
 * that cannot be opened is logged and skipped.
 */
final class PluginDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);
    /** Jars looked at, at most: a directory of thousands of jars is a mistake, not a deployment. */
    static final int MAX_JARS = 256;

    /** A jar and the loader its classes come from. */
    record Plugin(Path jar, URLClassLoader loader) {
    }

    private final List<Plugin> plugins;

    private PluginDirectory(List<Plugin> plugins) {
        this.plugins = plugins;
    }

    /** Opens every jar in {@code directory}; a directory that does not exist holds no plugins. */
    static PluginDirectory open(Path directory, ClassLoader parent) {
        List<Plugin> plugins = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            LOG.info("plugin directory {} does not exist: no drop-in plugins", directory);
            return new PluginDirectory(plugins);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().limit(MAX_JARS).toList();
        } catch (IOException e) {
            LOG.error("cannot list plugin directory {}: {}", directory, e.toString());
            return new PluginDirectory(plugins);
        }
        for (Path jar : jars) {
            try (JarFile check = new JarFile(jar.toFile())) {
                // Opening it reads the central directory: a truncated or non-zip file fails here.
                check.size();
                plugins.add(new Plugin(jar, new URLClassLoader("plugin " + jar.getFileName(), new URL[] {url(jar)}, parent)));
            } catch (IOException | SecurityException e) {
                LOG.error("skipping plugin jar {}: {}", jar, e.toString());
            }
        }
        LOG.info("plugin directory {}: {} jar(s) {}", directory, plugins.size(),
                plugins.stream().map(p -> p.jar().getFileName().toString()).toList());
        return new PluginDirectory(plugins);
    }

    private static URL url(Path jar) throws MalformedURLException {
        return jar.toUri().toURL();
    }

    List<Plugin> plugins() {
        return plugins;
    }

    @Override
    public void close() {
        for (Plugin p : plugins) {
            try {
                p.loader().close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", p.jar(), e.toString());
            }
        }
    }
}
