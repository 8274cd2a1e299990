package dev.rill.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtspMethod;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player watching a stream that a real ffmpeg publishes to a Rill {@code publish} mount
 * (640x480 at 25 fps): headless, it writes frames of the publisher's size; the frames it shows
 * are 1/25 s apart on their RTP timestamps. Skipped without ffmpeg, except in CI.
 */
class PublishedStreamTest {

    private static final int FRAMES = 26;
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    RillFixture rill;
    Process publisher;
    Path publisherLog;

    @BeforeEach
    void startPublishing() throws IOException {
        Interop.requireOnPath("ffmpeg", "ffmpeg");
        rill = RillFixture.start(dir, "[{\"path\": \"/live\", \"source\": {\"type\": \"publish\"}}]");
        publisherLog = dir.resolve("ffmpeg.log");
        // -huffman default: ffmpeg's RTP muxer sends nothing for optimised Huffman tables. Bounded
        // by -t; ended in @AfterEach long before.
        publisher = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=640x480:rate=25", "-t", "60", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default",
                "-f", "rtsp", "-rtsp_transport", "tcp", rill.url("live"))
                .redirectErrorStream(true).redirectOutput(publisherLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        await().atMost(GENEROUS).until(() -> {
            if (!publisher.isAlive()) {
                throw new AssertionError("ffmpeg ended before publishing: " + Files.readString(publisherLog, StandardCharsets.UTF_8));
            }
            return describe() == 200; // 404 until ffmpeg has announced
        });
    }

    @AfterEach
    void stop() {
        Interop.end(publisher);
        if (rill != null) {
            rill.close();
        }
    }

    private int describe() throws IOException {
        try (RtspClient rtsp = RtspClient.connect(URI.create(rill.url("live")),
                RtspClientOptions.of(RequestStyle.STANDARD).withTimeout(Duration.ofSeconds(10)))) {
            return rtsp.request(RtspMethod.DESCRIBE, rill.url("live"), "Accept", "application/sdp").status().code();
        }
    }

    @Test
    void theHeadlessPlayerWritesFramesOfThePublishersSize() throws IOException {
        Path out = dir.resolve("frames");
        Path stats = dir.resolve("stats.json");
        assertEquals(0, RillPlaybackTest.headless("--headless", "--frames", Integer.toString(FRAMES), "--out",
                out.toString(), "--stats", stats.toString(), rill.url("live")));
        List<byte[]> frames = TestClips.written(out);
        assertEquals(FRAMES, frames.size());
        for (byte[] frame : frames) {
            BufferedImage picture = Pictures.decode(frame).orElseThrow(() -> new AssertionError("undecodable frame"));
            assertEquals(640, picture.getWidth());
            assertEquals(480, picture.getHeight());
        }
        assertEquals(FRAMES, TestClips.stat(stats, "framesShown"));
    }

    @Test
    void thePlayerShowsFramesAtThePublishersRate() {
        List<ReceivedFrame> shown = new CopyOnWriteArrayList<>();
        AtomicReference<PlayerStatus> status = new AtomicReference<>();
        try (Player player = new Player(Options.parse(rill.url("live")), shown::add, text -> { }, status::set)) {
            player.open(Target.url(rill.url("live")));
            await().atMost(GENEROUS).until(() -> status.get() != null && status.get().state() == PlayerState.READY
                    && !status.get().busy());
            player.play();
            await().atMost(GENEROUS).until(() -> shown.size() >= FRAMES);
        }
        // Steps between the RTP timestamps of consecutive frames shown, in 90 kHz ticks (RFC 3550
        // §5.1: differences modulo 2^32): the shortest is 1/25 s, and each is a whole number of
        // them (a frame lost or dropped late leaves a gap, not another rate).
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < shown.size(); i++) {
            steps.add((int) (shown.get(i).timestamp() - shown.get(i - 1).timestamp()));
        }
        double rate = 90_000.0 / steps.stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertEquals(25, rate, 0.5, "frames shown at " + rate + " fps; steps " + steps);
        for (int step : steps) {
            double frames = step / 3600.0;
            assertEquals(Math.round(frames), frames, 0.05, "a step of " + step + " ticks; steps " + steps);
        }
        assertTrue(shown.stream().allMatch(f -> Pictures.decode(f.data()).map(p -> p.getWidth() == 640
                && p.getHeight() == 480).orElse(false)), "every frame 640x480");
    }
}
