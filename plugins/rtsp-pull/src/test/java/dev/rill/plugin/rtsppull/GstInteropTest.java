package dev.rill.plugin.rtsppull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rtsp-pull against a third-party upstream: GStreamer's gst-rtsp-server on loopback, streaming
 * a live 320x240 SMPTE picture as RFC 2435 JPEG at 10 frames/s.
 */
class GstInteropTest {

    @TempDir
    Path dir;
    GstUpstream upstream;
    RtspPull source;

    @AfterEach
    void end() {
        if (source != null) {
            source.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private RecordingSink pull(String transport) throws IOException {
        upstream = GstUpstream.start(dir, 0);
        source = new RtspPull(new RtspPullConfig(upstream.url(), transport, false, null, null),
                RtspPullProvider.jpeg(getClass().getClassLoader()).orElseThrow(), RtspPull.Timing.DEFAULT);
        RecordingSink sink = new RecordingSink();
        source.start(sink);
        source.begin();
        return sink;
    }

    private static void checkFrames(List<Frame> frames) throws IOException {
        List<Long> intervals = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(frames.get(i).bytes()));
            assertTrue(picture != null, "frame " + i + " does not decode");
            assertEquals(320, picture.getWidth());
            assertEquals(240, picture.getHeight());
            if (i > 0) {
                assertTrue(frames.get(i).timeNanos() > frames.get(i - 1).timeNanos(), "frame times rise");
                intervals.add(frames.get(i).timeNanos() - frames.get(i - 1).timeNanos());
            }
        }
        Collections.sort(intervals);
        long median = intervals.get(intervals.size() / 2);
        // The upstream's RTP timestamps say 10 frames/s: 100 ms apart, whatever the arrival jitter.
        assertTrue(Math.abs(median - 100_000_000L) < 2_000_000L, "median frame interval " + median + " ns");
    }

    @Test
    void framesArriveOverUdp() throws IOException {
        RecordingSink sink = pull("udp");
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.count() >= 10);
        assertEquals("udp", source.transportInUse());
        checkFrames(List.copyOf(sink.frames));
    }

    @Test
    void framesArriveOverTcp() throws IOException {
        RecordingSink sink = pull("tcp");
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.count() >= 10);
        assertEquals(PullState.LIVE, source.state());
        checkFrames(List.copyOf(sink.frames));
    }

    @Test
    void framesArriveWithAutoWhichTriesUdpFirst() throws IOException {
        RecordingSink sink = pull("auto");
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.count() >= 10);
        assertEquals("udp", source.transportInUse()); // loopback UDP works: no fallback
        assertEquals(0, source.reconnects());
        checkFrames(List.copyOf(sink.frames));
    }

    @Test
    void reconnectsWhenTheUpstreamIsKilledAndComesBack() throws IOException, InterruptedException {
        RecordingSink sink = pull("auto");
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.count() >= 5);
        upstream.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.state() == PullState.RETRYING);
        int before = sink.count();
        long lastTime = sink.frames.get(before - 1).timeNanos();
        upstream.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() >= before + 5);
        assertTrue(source.reconnects() >= 1, "reconnects " + source.reconnects());
        assertTrue(sink.frames.get(before).timeNanos() > lastTime, "times rise across the reconnect");
        assertEquals(PullState.LIVE, source.state());
    }
}
