package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameClock;
import dev.rill.spi.MediaSource;
import dev.rill.spi.StoredSource;
import java.time.Duration;
import java.util.OptionalDouble;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A test-only source, type "test-stalling": 40 small JPEG frames at 20 fps, of which frame
 * {@code stallAt} takes {@code stallMillis} to produce the first time it is asked for: a plugin
 * that blocks, made to order.
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
        FrameClock clock = new FrameClock(20);
        return new StoredSource() {
            private boolean stalled;

            @Override
            public String encoding() {
                return "JPEG";
            }

            @Override
            public OptionalDouble nominalFrameRate() {
                return OptionalDouble.of(clock.fps());
            }

            @Override
            public long frameCount() {
                return frames.size();
            }

            @Override
            public long timeOf(long index) {
                return clock.timeOf(index);
            }

            @Override
            public long indexAt(long timeNanos) {
                return Math.min(frames.size(), clock.indexAt(timeNanos));
            }

            @Override
            public Duration duration() {
                return clock.durationOf(frames.size());
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
                return Optional.of(new Frame(index, clock.timeOf(index), frames.get((int) index)));
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
