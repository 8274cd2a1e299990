package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.spi.RtspHeaders;
import dev.rill.wire.RtcpPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} in a real headless Chromium: every preview shows a picture that moves, the
 * session table lists the test client's session, and a screenshot is left in
 * {@code target/screenshots/web-page.png} for people to look at. Skipped without chromium (a
 * failure under {@code RILL_REQUIRE_INTEROP=true}).
 */
class WebPageBrowserTest {

    private static final Path TESTCARD_JAR = Path.of("target", "plugins", "rill-plugin-testcard.jar");
    static final Path SCREENSHOT = Path.of("target", "screenshots", "web-page.png");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per card: a hash of the picture's pixels, drawn on a canvas (the previews are same-origin blobs). */
    private static final String PICTURE_HASHES = """
            JSON.stringify(Object.fromEntries([...document.querySelectorAll('.card')].map(card => {
              const img = card.querySelector('img');
              if (!img.complete || img.naturalWidth === 0) return [card.dataset.path, null];
              const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              let h = 2166136261;
              for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16), 16777619);
              return [card.dataset.path, (h >>> 0).toString(16)];
            })))""";

    @TempDir
    Path dir;

    private TestServer server;
    private HeadlessChromium browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePageShowsMovingPreviewsOfEveryMountAndTheClientsSession() throws Exception {
        ExternalProgram.require(HeadlessChromium.PROGRAM, "chromium");
        Assumptions.assumeTrue(Files.isRegularFile(TESTCARD_JAR), "the build did not copy " + TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(200, 320, 180));
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], "
                + "\"mounts\": [{\"path\": \"/clip\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true}},"
                + " {\"path\": \"/card\", \"source\": {\"type\": \"testcard\", \"width\": 320, \"height\": 240}}]");
        browser = HeadlessChromium.start();
        try (StandardClient client = new StandardClient(server.port(), "/clip")) {
            String transport = client.setupUdp().headers().first(RtspHeaders.TRANSPORT).orElseThrow();
            long ssrc = Long.parseLong(transport.substring(transport.indexOf("ssrc=") + 5), 16);
            client.request("PLAY", client.url());
            await().atMost(Duration.ofSeconds(20)).until(() -> client.frames().size() >= 5);

            browser.navigate("http://127.0.0.1:" + server.httpPort() + "/");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                    "[...document.querySelectorAll('.card img')].filter(i => i.complete && i.naturalWidth > 0).length").asInt() == 2);
            JsonNode before = JSON.readTree(browser.evaluate(PICTURE_HASHES).asText());
            assertEquals(2, before.size(), before.toString());
            // Moving: after two seconds every preview shows another picture.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> allChanged(before, JSON.readTree(browser.evaluate(PICTURE_HASHES).asText())));

            String row = "document.querySelector('#sessions tr[data-session=\"" + client.session() + "\"]')";
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate("(" + row + "?.textContent ?? '')").asText().contains("playing"));
            // The client's receiver report: a quarter lost, 7 in all, jitter 900 at 90 kHz (10 ms).
            RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(ssrc, 64, 7, 1000, 900, 0, 0);
            try (DatagramChannel from = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                from.send(ByteBuffer.wrap(RtcpPacket.encodeCompound(List.of(new RtcpPacket.ReceiverReport(0x1234, List.of(block))))),
                        new InetSocketAddress("127.0.0.1", server.server.rtpPort() + 1));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String text = browser.evaluate("(" + row + "?.textContent ?? '')").asText();
                return text.contains("25.0 % (7)") && text.contains("10.0 ms");
            });
            String clipCard = "document.querySelector('.card[data-path=\"/clip\"]')";
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                    clipCard + ".querySelector('.rtsp').textContent").asText().equals("1 RTSP session"));
            assertEquals("rtsp://127.0.0.1:" + server.port() + "/clip",
                    browser.evaluate(clipCard + ".querySelector('.rtsp-url').value").asText());
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                    "document.querySelector('.card[data-path=\"/card\"] .state-text').textContent").asText().startsWith("Frames flowing"));
            browser.screenshot(SCREENSHOT);
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot with something in it");
    }

    @Test
    void whereStatsAnswers403TheSessionTableSaysWhyItIsEmpty() throws Exception {
        ExternalProgram.require(HeadlessChromium.PROGRAM, "chromium");
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(40, 320, 180));
        server = TestServer.start(dir, "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0}, "
                + "\"listeners\": [{\"type\": \"stats\", \"logEverySeconds\": 0}], "
                + "\"mounts\": [{\"path\": \"/clip\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\"}}]");
        browser = HeadlessChromium.start();
        // The browser is on this machine, so the real /stats would answer; answer as it does a stranger.
        browser.intercept("*/stats", 403, "{\"error\": \"only from this machine\"}");
        try (StandardClient client = new StandardClient(server.port(), "/clip")) {
            client.setupUdp();
            browser.navigate("http://127.0.0.1:" + server.httpPort() + "/");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                    "document.getElementById('sessions-note').textContent").asText().contains("403"));
            assertEquals(0, browser.evaluate("document.querySelectorAll('#sessions tbody tr').length").asInt());
            // The cards do not need /stats: they still count the session.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                    "document.querySelector('.card[data-path=\"/clip\"] .rtsp').textContent").asText().equals("1 RTSP session"));
            browser.screenshot(SCREENSHOT.resolveSibling("web-page-stats-403.png"));
        }
    }

    private static boolean allChanged(JsonNode before, JsonNode now) {
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> card = it.next();
            JsonNode hash = now.get(card.getKey());
            if (card.getValue().isNull() || hash == null || hash.isNull() || hash.equals(card.getValue())) {
                return false;
            }
        }
        return true;
    }
}
