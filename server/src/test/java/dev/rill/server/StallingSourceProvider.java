package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A test-only source, type "test-stalling": 40 small JPEG frames at 20 fps, of which frame
 * {@code stallAt} takes {@code stallMillis} to produce the first time it is asked for. The
 * sender asks for it on its own thread, so the sender is held up that long: a starved sender,
 * made to order.
 */
public final class StallingSourceProvider implements MediaSourceProvider<StallingSourceProvider.Config> {

    /** @param stallAt the frame that stalls; @param stallMillis for how long */
    public record Config(int stallAt, int stallMillis) {
    }

    @Override
    public String type() {
        return "test-stalling";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public MediaSource open(Config config, SourceContext context) throws IOException {
        List<byte[]> frames = TestMedia.frames(40, 64, 48);
        return new MediaSource() {
            private boolean stalled;

            @Override
            public String encoding() {
                return "JPEG";
            }

            @Override
            public double frameRate() {
                return 20;
            }

            @Override
            public OptionalLong frameCount() {
                return OptionalLong.of(frames.size());
            }

            @Override
            public synchronized Optional<Frame> frame(long index) {
                if (index >= frames.size()) {
                    return Optional.empty();
                }
                if (index == config.stallAt() && !stalled) {
                    stalled = true;
                    try {
                        TimeUnit.MILLISECONDS.sleep(config.stallMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Optional.of(new Frame(index, frames.get((int) index)));
            }

            @Override
            public String describe() {
                return "stalling test source";
            }

            @Override
            public void close() {
            }
        };
    }
}
