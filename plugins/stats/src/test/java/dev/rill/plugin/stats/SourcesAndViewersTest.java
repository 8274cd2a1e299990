package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.spi.HttpViewerInfo;
import dev.rill.spi.HttpViewers;
import dev.rill.spi.ListenerContext;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.MountInfo;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live sources and HTTP viewers, as the server's suppliers give them, in {@code /stats} and
 * {@code /metrics}: what each reports, the bitrate in from its byte counter, and HTTP viewers next to
 * RTSP sessions.
 */
class SourcesAndViewersTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now = STARTED.plusSeconds(60);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MovingClock clock = new MovingClock();
    private final AtomicReference<List<MountInfo>> mounts = new AtomicReference<>(List.of());
    private final AtomicReference<HttpViewers> viewers = new AtomicReference<>(HttpViewers.NONE);
    private StatsListener listener;

    private StatsListener listener() throws Exception {
        listener = StatsListener.start(new StatsConfig(0, "127.0.0.1", -1),
                new ListenerContext(List::of, STARTED, mounts::get, viewers::get), clock);
        return listener;
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private static MountInfo camera(LiveStatus.State state, long bytesIn) {
        return new MountInfo("/cams/door", "rtsp-pull", MountInfo.Kind.LIVE,
                Optional.of(new LiveStatus(state, Optional.of("camera.lan:554"), 250, 3, bytesIn, 2)));
    }

    private static final MountInfo MOVIE = new MountInfo("/movie", "mjpeg-file", MountInfo.Kind.STORED, Optional.empty());

    private static HttpViewerInfo viewer(String id, String mount, long frames) {
        return new HttpViewerInfo(id, new InetSocketAddress("127.0.0.1", 50_000), mount, STARTED.plusSeconds(10), frames,
                frames * 1000, 4);
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(StatsJson.render(listener.snapshot()));
    }

    private PrometheusParser.Exposition metrics() {
        return PrometheusParser.parse(StatsMetrics.render(listener.snapshot()));
    }

    @Test
    void aLiveSourceShowsItsStatePeerAndCountersAndAStoredOneNone() throws Exception {
        mounts.set(List.of(MOVIE, camera(LiveStatus.State.RETRYING, 1_000_000)));
        listener();

        JsonNode list = stats().get("mounts");
        assertEquals(2, list.size());
        assertEquals("/movie", list.get(0).get("path").textValue());
        assertEquals("stored", list.get(0).get("kind").textValue());
        assertTrue(list.get(0).get("live").isNull());
        JsonNode camera = list.get(1);
        assertEquals("rtsp-pull", camera.get("type").textValue());
        assertEquals("live", camera.get("kind").textValue());
        JsonNode live = camera.get("live");
        assertEquals(List.of("state", "peer", "framesIn", "framesDropped", "bytesIn", "bitsInPerSecond", "reconnects"),
                names(live));
        assertEquals("retrying", live.get("state").textValue());
        assertEquals("camera.lan:554", live.get("peer").textValue());
        assertEquals(250, live.get("framesIn").longValue());
        assertEquals(3, live.get("framesDropped").longValue());
        assertEquals(1_000_000, live.get("bytesIn").longValue());
        assertEquals(2, live.get("reconnects").longValue());
        assertTrue(live.get("bitsInPerSecond").isNull(), "no rate from one sample");
    }

    @Test
    void theBitrateInComesFromTheByteCounterOverAtLeastASecond() throws Exception {
        mounts.set(List.of(camera(LiveStatus.State.LIVE, 1_000_000)));
        listener();
        stats();

        clock.advance(Duration.ofSeconds(2));
        mounts.set(List.of(camera(LiveStatus.State.LIVE, 1_250_000)));
        assertEquals(1_000_000.0, stats().get("mounts").get(0).get("live").get("bitsInPerSecond").doubleValue(),
                "250 000 bytes in 2 s");

        // Sooner than a second later: the same rate, not one over a few milliseconds.
        clock.advance(Duration.ofMillis(100));
        mounts.set(List.of(camera(LiveStatus.State.LIVE, 1_260_000)));
        assertEquals(1_000_000.0, metrics().value("rill_source_bits_in_per_second"));

        // A counter that went down (the source was replaced) starts over.
        clock.advance(Duration.ofSeconds(5));
        mounts.set(List.of(camera(LiveStatus.State.LIVE, 10)));
        assertTrue(stats().get("mounts").get(0).get("live").get("bitsInPerSecond").isNull());
    }

    @Test
    void metricsGiveEachLiveSourceItsStateAndCountersByMount() throws Exception {
        mounts.set(List.of(MOVIE, camera(LiveStatus.State.CONNECTING, 4096)));
        listener();

        PrometheusParser.Exposition metrics = metrics();
        List<PrometheusParser.Sample> states = metrics.samples("rill_source_state");
        assertEquals(LiveStatus.State.values().length, states.size(), "one sample per state, of the live mount only");
        for (PrometheusParser.Sample s : states) {
            assertEquals("/cams/door", s.labels().get("mount"));
            assertEquals("rtsp-pull", s.labels().get("type"));
            assertEquals(s.labels().get("state").equals("connecting") ? 1.0 : 0.0, s.value(), s.labels().toString());
        }
        assertEquals("counter", metrics.types().get("rill_source_bytes_in_total"));
        assertEquals(Map.of("mount", "/cams/door"), metrics.samples("rill_source_bytes_in_total").get(0).labels());
        assertEquals(4096, metrics.value("rill_source_bytes_in_total"));
        assertEquals(250, metrics.value("rill_source_frames_in_total"));
        assertEquals(3, metrics.value("rill_source_frames_dropped_total"));
        assertEquals(2, metrics.value("rill_source_reconnects_total"));
        assertTrue(metrics.samples("rill_source_bits_in_per_second").isEmpty(), "no rate yet");
    }

    @Test
    void httpViewersAppearNextToRtspSessionsWithTotals() throws Exception {
        mounts.set(List.of(MOVIE, camera(LiveStatus.State.LIVE, 0)));
        viewers.set(new HttpViewers(List.of(viewer("h1", "/cams/door", 10), viewer("h2", "/cams/door", 20),
                viewer("h7", "/clip.Mjpeg", 5)), 9, 500, 512_000, 40));
        listener();

        JsonNode stats = stats();
        JsonNode server = stats.get("server");
        assertEquals(3, server.get("httpViewers").intValue());
        assertEquals(9, server.get("httpViewersOpenedTotal").longValue());
        assertEquals(500, server.get("httpFramesSent").longValue());
        assertEquals(512_000, server.get("httpBytesSent").longValue());
        assertEquals(40, server.get("httpFramesSkipped").longValue());
        JsonNode first = stats.get("httpViewers").get(0);
        assertEquals(List.of("id", "peer", "mount", "startedAt", "framesSent", "bytesSent", "framesSkipped"), names(first));
        assertEquals("h1", first.get("id").textValue());
        assertEquals("127.0.0.1:50000", first.get("peer").textValue());
        assertEquals("/cams/door", first.get("mount").textValue());
        assertEquals("2025-01-01T00:00:10Z", first.get("startedAt").textValue());
        assertEquals(10, first.get("framesSent").longValue());
        assertEquals(10_000, first.get("bytesSent").longValue());
        assertEquals(4, first.get("framesSkipped").longValue());

        PrometheusParser.Exposition metrics = metrics();
        Map<String, Double> byMount = new java.util.HashMap<>();
        metrics.samples("rill_http_viewers").forEach(s -> byMount.put(s.labels().get("mount"), s.value()));
        assertEquals(Map.of("/movie", 0.0, "/cams/door", 2.0, "/clip.Mjpeg", 1.0), byMount,
                "every configured mount, and a media-directory file that has viewers");
        assertEquals(9, metrics.value("rill_http_viewers_opened_total"));
        assertEquals(500, metrics.value("rill_http_frames_sent_total"));
        assertEquals(512_000, metrics.value("rill_http_bytes_sent_total"));
        assertEquals(40, metrics.value("rill_http_frames_skipped_total"));
        List<PrometheusParser.Sample> sent = metrics.samples("rill_http_viewer_frames_sent_total");
        assertEquals(3, sent.size());
        assertEquals(Map.of("viewer", "h2", "mount", "/cams/door"), sent.get(1).labels());
        assertEquals(20, sent.get(1).value());
        assertEquals(3, metrics.samples("rill_http_viewer_bytes_sent_total").size());
        assertEquals(3, metrics.samples("rill_http_viewer_frames_skipped_total").size());
    }

    @Test
    void withoutMountsOrViewersTheFamiliesAreThereAndEmpty() throws Exception {
        listener();

        JsonNode stats = stats();
        assertEquals(0, stats.get("httpViewers").size());
        assertEquals(0, stats.get("mounts").size());
        PrometheusParser.Exposition metrics = metrics();
        assertEquals("gauge", metrics.types().get("rill_http_viewers"));
        assertEquals("gauge", metrics.types().get("rill_source_state"));
        assertEquals(0, metrics.value("rill_http_viewers_opened_total"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
