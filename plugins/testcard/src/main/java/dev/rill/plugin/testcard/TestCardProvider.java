package dev.rill.plugin.testcard;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import dev.rill.spi.VideoSize;
import java.time.Clock;

/**
 * Makes test cards: {@code "source": {"type": "testcard", ...}} with a {@link TestCardConfig}.
 * Each mount gets its own live card, whose frame 0 is the moment the mount was opened.
 */
public final class TestCardProvider implements MediaSourceProvider<TestCardConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "testcard";

    public TestCardProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<TestCardConfig> configType() {
        return TestCardConfig.class;
    }

    /** @throws IllegalArgumentException naming {@code fps} when the server's default is above 60 */
    @Override
    public MediaSource open(TestCardConfig config, SourceContext context) {
        return new TestCard(new VideoSize(config.width(), config.height()), config.fpsOr(context.defaultFrameRate()),
                config.quality().floatValue(), Clock.systemDefaultZone(), System::nanoTime);
    }
}
