package dev.rill.spi;

import java.nio.file.Path;

/**
 * What the server tells a provider when it opens a source.
 *
 * @param baseDirectory the directory relative file names in the config resolve against (the
 *                      config file's directory, or the working directory for the embedded one)
 * @param defaultFrameRate frames per second when the config gives none
 */
public record SourceContext(Path baseDirectory, double defaultFrameRate) {
    public SourceContext {
        if (!(defaultFrameRate > 0 && defaultFrameRate <= 1000)) {
            throw new IllegalArgumentException("frame rate must be in (0, 1000]: " + defaultFrameRate);
        }
    }
}
