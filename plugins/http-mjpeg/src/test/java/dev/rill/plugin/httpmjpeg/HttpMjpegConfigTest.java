package dev.rill.plugin.httpmjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HttpMjpegConfigTest {

    @Test
    void missingKeysTakeTheirDefaults() {
        HttpMjpegConfig config = HttpMjpegConfig.of("http://esp32cam.lan/stream");
        assertFalse(config.onDemand());
        assertEquals(10, config.timeoutSeconds());
        assertEquals(8 << 20, config.maxFrameBytes());
    }

    @Test
    void theUrlIsRequiredAndMustBeHttp() {
        assertRejected("url", () -> HttpMjpegConfig.of(null));
        assertRejected("url", () -> HttpMjpegConfig.of(" "));
        assertRejected("url", () -> HttpMjpegConfig.of("ftp://cam/x"));
    }

    @Test
    void rejectsTimeoutsAndFrameLimitsOutOfRange() {
        String url = "http://cam/stream";
        assertRejected("timeoutSeconds", () -> new HttpMjpegConfig(url, null, 0, null));
        assertRejected("timeoutSeconds", () -> new HttpMjpegConfig(url, null, 301, null));
        assertRejected("maxFrameBytes", () -> new HttpMjpegConfig(url, null, null, 1023));
        assertRejected("maxFrameBytes", () -> new HttpMjpegConfig(url, null, null, (256 << 20) + 1));
        assertEquals(300, new HttpMjpegConfig(url, true, 300, 1024).timeoutSeconds());
    }

    @Test
    void theConfigPrintsWithoutItsPassword() {
        String text = HttpMjpegConfig.of("http://admin:s3cret@esp32cam.lan/stream").toString();
        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("http://***@esp32cam.lan/stream"), text);
    }

    private static void assertRejected(String key, Executable creation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
