package dev.rill.plugin.stats;

import dev.rill.spi.ReceptionReport;
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
 * without a round trip in it) has no sample in those families.
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
        return text.text();
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
