package dev.rill.plugin.httpmjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HttpMjpegProviderTest {

    private static final SourceContext CONTEXT = new SourceContext(Path.of("."), 20);

    @Test
    @SuppressWarnings("rawtypes")   // ServiceLoader.load takes the raw interface
    void serviceLoaderFindsTheProvider() {
        List<String> types = ServiceLoader.load(MediaSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).map(MediaSourceProvider::type).toList();
        assertTrue(types.contains("http-mjpeg"), types.toString());
    }

    @Test
    void declaresItsConfigRecord() {
        assertEquals(HttpMjpegConfig.class, new HttpMjpegProvider().configType());
    }

    @Test
    void anOnDemandSourceDoesNotConnectWhenOpened() throws Exception {
        try (ServerSocket camera = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             MediaSource source = new HttpMjpegProvider().open(new HttpMjpegConfig(
                     "http://127.0.0.1:" + camera.getLocalPort() + "/s", true, null, null), CONTEXT)) {
            assertInstanceOf(LiveSource.class, source);
            HttpMjpegSource http = assertInstanceOf(HttpMjpegSource.class, source);
            assertEquals(LiveStatus.State.WAITING, http.state());
            camera.setSoTimeout(300);
            org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, camera::accept);
        }
    }

    @Test
    void anAlwaysOnSourceConnectsWhenOpened() throws Exception {
        try (ServerSocket camera = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             MediaSource source = new HttpMjpegProvider().open(HttpMjpegConfig.of(
                     "http://127.0.0.1:" + camera.getLocalPort() + "/s"), CONTEXT)) {
            camera.setSoTimeout(20_000);
            try (Socket accepted = camera.accept()) {
                HttpMjpegSource http = (HttpMjpegSource) source;
                await().atMost(Duration.ofSeconds(20)).until(() -> http.state() == LiveStatus.State.CONNECTING);
                assertEquals("http-mjpeg http://127.0.0.1:" + camera.getLocalPort() + "/s", source.describe());
            }
        }
    }
}
