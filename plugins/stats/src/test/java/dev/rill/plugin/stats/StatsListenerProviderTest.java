package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.ListenerContext;
import dev.rill.spi.SessionListener;
import dev.rill.spi.SessionListenerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StatsListenerProviderTest {

    private static final ListenerContext CONTEXT = new ListenerContext(List::of, Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    @SuppressWarnings("rawtypes")   // ServiceLoader.load takes the raw interface
    void serviceLoaderFindsTheProvider() {
        List<String> types = ServiceLoader.load(SessionListenerProvider.class).stream()
                .map(ServiceLoader.Provider::get).map(SessionListenerProvider::type).toList();
        assertTrue(types.contains("stats"), types.toString());
    }

    @Test
    void declaresItsConfigRecord() {
        assertEquals(StatsConfig.class, new StatsListenerProvider().configType());
    }

    @Test
    void createsAListenerWithoutHttpOrLog() throws Exception {
        try (SessionListener listener = new StatsListenerProvider().create(new StatsConfig(0, null, -1), CONTEXT)) {
            StatsListener stats = assertInstanceOf(StatsListener.class, listener);
            assertTrue(stats.httpAddress().isEmpty());
        }
    }

    @Test
    void aTakenPortStopsCreationNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StatsConfig config = new StatsConfig(0, "127.0.0.1", taken.getLocalPort());
            IOException e = assertThrows(IOException.class, () -> new StatsListenerProvider().create(config, CONTEXT));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
