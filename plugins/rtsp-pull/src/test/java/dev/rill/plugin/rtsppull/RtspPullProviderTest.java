package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RtspPullProviderTest {

    @Test
    @SuppressWarnings("rawtypes")   // ServiceLoader.load takes the raw interface
    void serviceLoaderFindsIt() {
        assertEquals(1, ServiceLoader.load(MediaSourceProvider.class).stream()
                .filter(p -> p.type() == RtspPullProvider.class).count());
    }

    @Test
    void anOnDemandSourceWaitsUntilStarted() throws IOException {
        try (MediaSource source = new RtspPullProvider().open(
                new RtspPullConfig("rtsp://127.0.0.1:9/nobody", "tcp", true, null, null), new SourceContext(Path.of("."), 20))) {
            RtspPull pull = assertInstanceOf(RtspPull.class, source);
            assertEquals("JPEG", pull.encoding());
            assertEquals(PullState.WAITING, pull.state());
            assertEquals(0, pull.reconnects());
        }
    }
}
