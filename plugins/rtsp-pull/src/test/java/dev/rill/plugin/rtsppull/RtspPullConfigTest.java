package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.plugin.rtsppull.UpstreamUrl.Credentials;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtspPullConfigTest {

    @Test
    void defaultsToAutoAlwaysOnAndTenSeconds() {
        RtspPullConfig c = RtspPullConfig.of("rtsp://camera.lan/stream1");
        assertEquals("auto", c.transport());
        assertFalse(c.onDemand());
        assertEquals(10, c.timeoutSeconds());
    }

    @Test
    void refusesWhatItCannotUseNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RtspPullConfig(null, null, null, null, null))
                .getMessage().startsWith("url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtspPullConfig.of("http://camera.lan/x"))
                .getMessage().startsWith("url"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RtspPullConfig("rtsp://camera.lan/x", "sctp", null, null, null)).getMessage().startsWith("transport"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RtspPullConfig("rtsp://camera.lan/x", null, null, 0, null)).getMessage().startsWith("timeoutSeconds"));
    }

    @Test
    void rtspsIsTcpOnlyAndVerifiedByDefault() {
        RtspPullConfig c = RtspPullConfig.of("rtsps://camera.lan/stream1");
        assertEquals("tcp", c.transport());
        assertTrue(c.tlsVerify());
        assertEquals("rtsps://camera.lan:8322/x", UpstreamUrl.parse("rtsps://u:p@camera.lan:8322/x").target().toString());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RtspPullConfig("rtsps://camera.lan/x", "udp", null, null, null)).getMessage().contains("encryption"));
        assertFalse(new RtspPullConfig("rtsps://camera.lan/x", null, null, null, false).tlsVerify());
    }

    @Test
    void splitsCredentialsFromTheUrlAndDecodesThem() {
        UpstreamUrl u = UpstreamUrl.parse("rtsp://admin:p%40ss%3Aword@camera.lan:554/stream1?x=1");
        assertEquals("rtsp://camera.lan:554/stream1?x=1", u.target().toString());
        assertEquals(Optional.of(new Credentials("admin", "p@ss:word")), u.credentials());
        assertEquals("rtsp://camera.lan/", UpstreamUrl.parse("rtsp://camera.lan").target().toString());
    }

    @Test
    void neverShowsThePassword() {
        String url = "rtsp://admin:hunter2@camera.lan:554/stream1";
        assertEquals("rtsp://admin:***@camera.lan:554/stream1", UpstreamUrl.parse(url).redacted());
        assertFalse(RtspPullConfig.of(url).toString().contains("hunter2"));
        assertFalse(UpstreamUrl.parse(url).credentials().orElseThrow().toString().contains("hunter2"));
        assertEquals("rtsp-pull rtsp://admin:***@camera.lan:554/stream1",
                new RtspPull(RtspPullConfig.of(url), RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow(),
                        RtspPull.Timing.DEFAULT).describe());
    }
}
