package dev.rill.plugin.stats;

import dev.rill.spi.HttpViewerInfo;
import dev.rill.spi.HttpViewers;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.ReceptionReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A snapshot as {@code /metrics}, in the Prometheus text format. Server-wide: start time, uptime,
 * live sessions, and counters that include closed sessions. Per live session, labelled
 * {@code session}, {@code mount}, {@code dialect} and {@code transport_kind} ({@code udp} or
 * {@code tcp}): what was sent, and from the client's last RTCP receiver report (RFC 3550 §6.4.1)
 * the fraction lost, cumulative loss, jitter and round trip; a session without a report (or
 * without a round trip in it) has no sample in those families. HTTP viewers: a gauge per mount
 * (every configured mount, and any other a viewer watches), totals that count ended viewers, and
 * per live viewer (labelled {@code viewer} and {@code mount}) what it was sent and skipped. Live
 * sources that report, labelled {@code mount}: their state (one sample per state, 1 for the
 * current one, the {@code type} label naming the source type), what came in, and the bitrate in
 * once it is known.
 */
final class StatsMetrics {

    private StatsMetrics() {
    }

    static String render(StatsSnapshot snapshot) {
        PrometheusText text = new PrometheusText();
        text.family("rill_start_time_seconds", PrometheusText.Type.GAUGE, "When the server started, in Unix seconds.")
                .sample(snapshot.startedAt().toEpochMilli() / 1000.0);
        text.family("rill_uptime_seconds", PrometheusText.Type.GAUGE, "Seconds since the server started.")
                .sample(snapshot.uptime().toMillis() / 1000.0);
        text.family("rill_sessions", PrometheusText.Type.GAUGE, "Live RTSP sessions.")
                .sample(snapshot.sessions().size());
        text.family("rill_sessions_opened_total", PrometheusText.Type.COUNTER, "RTSP sessions set up.")
                .sample(snapshot.sessionsOpenedTotal());
        text.family("rill_packets_sent_total", PrometheusText.Type.COUNTER, "RTP packets sent, by all sessions.")
                .sample(snapshot.packetsSent());
        text.family("rill_bytes_sent_total", PrometheusText.Type.COUNTER,
                "RTP bytes sent (header and payload), by all sessions.").sample(snapshot.bytesSent());
        text.family("rill_frames_sent_total", PrometheusText.Type.COUNTER, "Video frames sent, by all sessions.")
                .sample(snapshot.framesSent());

        List<SessionRow> sessions = snapshot.sessions();
        counter(text, sessions, "rill_session_packets_sent_total", "RTP packets sent to the session.",
                SessionRow::packetsSent);
        counter(text, sessions, "rill_session_bytes_sent_total", "RTP bytes sent to the session.",
                SessionRow::bytesSent);
        counter(text, sessions, "rill_session_frames_sent_total", "Video frames sent to the session.",
                SessionRow::framesSent);

        text.family("rill_session_fraction_lost", PrometheusText.Type.GAUGE,
                "Fraction of RTP packets lost between the client's last two receiver reports, 0 to 1.");
        reported(text, sessions, r -> OptionalDouble.of(r.fractionLost()));
        text.family("rill_session_cumulative_lost_packets", PrometheusText.Type.GAUGE,
                "RTP packets the client counts as lost since the session began (duplicates may lower it).");
        reported(text, sessions, r -> OptionalDouble.of(r.cumulativeLost()));
        text.family("rill_session_jitter_seconds", PrometheusText.Type.GAUGE,
                "Interarrival jitter the client reported, in seconds.");
        reported(text, sessions, r -> OptionalDouble.of(r.jitter().toNanos() / 1e9));
        text.family("rill_session_round_trip_seconds", PrometheusText.Type.GAUGE,
                "Round-trip time from the client's last receiver report, in seconds.");
        reported(text, sessions, r -> r.roundTrip().map(d -> OptionalDouble.of(d.toNanos() / 1e9))
                .orElse(OptionalDouble.empty()));
        httpViewers(text, snapshot);
        sources(text, snapshot.mounts());
        return text.text();
    }

    private static void httpViewers(PrometheusText text, StatsSnapshot snapshot) {
        HttpViewers http = snapshot.httpViewers();
        Map<String, Integer> byMount = new LinkedHashMap<>();
        for (MountRow row : snapshot.mounts()) {
            byMount.put(row.mount().path(), 0);
        }
        for (HttpViewerInfo v : http.viewers()) {
            byMount.merge(v.mount(), 1, Integer::sum);
        }
        text.family("rill_http_viewers", PrometheusText.Type.GAUGE, "HTTP viewers streaming the mount now.");
        byMount.forEach((mount, n) -> text.sample(PrometheusText.labels("mount", mount), (long) n));
        text.family("rill_http_viewers_opened_total", PrometheusText.Type.COUNTER, "HTTP viewers that began a stream.")
                .sample(http.openedTotal());
        text.family("rill_http_frames_sent_total", PrometheusText.Type.COUNTER, "Frames sent to HTTP viewers, by all viewers.")
                .sample(http.framesSentTotal());
        text.family("rill_http_bytes_sent_total", PrometheusText.Type.COUNTER,
                "Bytes of multipart parts sent to HTTP viewers, by all viewers.").sample(http.bytesSentTotal());
        text.family("rill_http_frames_skipped_total", PrometheusText.Type.COUNTER,
                "Frames HTTP viewers skipped because they were not reading, by all viewers.")
                .sample(http.framesSkippedTotal());
        viewerCounter(text, http.viewers(), "rill_http_viewer_frames_sent_total", "Frames sent to the HTTP viewer.",
                HttpViewerInfo::framesSent);
        viewerCounter(text, http.viewers(), "rill_http_viewer_bytes_sent_total", "Bytes sent to the HTTP viewer.",
                HttpViewerInfo::bytesSent);
        viewerCounter(text, http.viewers(), "rill_http_viewer_frames_skipped_total",
                "Frames the HTTP viewer skipped because it was not reading.", HttpViewerInfo::framesSkipped);
    }

    private static void viewerCounter(PrometheusText text, List<HttpViewerInfo> viewers, String name, String help,
            ToLongFunction<HttpViewerInfo> value) {
        text.family(name, PrometheusText.Type.COUNTER, help);
        for (HttpViewerInfo v : viewers) {
            text.sample(PrometheusText.labels("viewer", v.id(), "mount", v.mount()), value.applyAsLong(v));
        }
    }

    private static void sources(PrometheusText text, List<MountRow> mounts) {
        List<MountRow> live = mounts.stream().filter(r -> r.mount().live().isPresent()).toList();
        text.family("rill_source_state", PrometheusText.Type.GAUGE,
                "1 for the state the live source is in (waiting, connecting, live, retrying, stopped), 0 for the others.");
        for (MountRow row : live) {
            LiveStatus.State now = row.mount().live().get().state();
            for (LiveStatus.State state : LiveStatus.State.values()) {
                text.sample(PrometheusText.labels("mount", row.mount().path(), "type", row.mount().sourceType(),
                        "state", StatsJson.lower(state)), state == now ? 1L : 0L);
            }
        }
        sourceCounter(text, live, "rill_source_frames_in_total", "Whole frames the live source received.",
                LiveStatus::framesIn);
        sourceCounter(text, live, "rill_source_frames_dropped_total",
                "Frames the live source received broken or refused, never delivered.", LiveStatus::framesDropped);
        sourceCounter(text, live, "rill_source_bytes_in_total",
                "Media bytes the live source received from its publisher or upstream.", LiveStatus::bytesIn);
        sourceCounter(text, live, "rill_source_reconnects_total",
                "Attempts the live source made after its input dropped or was refused.", LiveStatus::reconnects);
        text.family("rill_source_bits_in_per_second", PrometheusText.Type.GAUGE,
                "Bitrate in of the live source over the last second or more, from its bytes in.");
        for (MountRow row : live) {
            row.bitsInPerSecond().ifPresent(v -> text.sample(PrometheusText.labels("mount", row.mount().path()), v));
        }
    }

    private static void sourceCounter(PrometheusText text, List<MountRow> live, String name, String help,
            ToLongFunction<LiveStatus> value) {
        text.family(name, PrometheusText.Type.COUNTER, help);
        for (MountRow row : live) {
            text.sample(PrometheusText.labels("mount", row.mount().path()), value.applyAsLong(row.mount().live().get()));
        }
    }

    static Map<String, String> labels(SessionRow row) {
        return PrometheusText.labels("session", row.id(), "mount", row.mount(),
                "dialect", StatsJson.lower(row.dialect()), "transport_kind", row.transportKind());
    }

    private static void counter(PrometheusText text, List<SessionRow> sessions, String name, String help,
            ToLongFunction<SessionRow> value) {
        text.family(name, PrometheusText.Type.COUNTER, help);
        for (SessionRow row : sessions) {
            text.sample(labels(row), value.applyAsLong(row));
        }
    }

    /** One sample per session whose report has the value. */
    private static void reported(PrometheusText text, List<SessionRow> sessions,
            Function<ReceptionReport, OptionalDouble> value) {
        for (SessionRow row : sessions) {
            row.reception().map(value).filter(OptionalDouble::isPresent)
                    .ifPresent(v -> text.sample(labels(row), v.getAsDouble()));
        }
    }
}
