package dev.rill.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one session's reception at one moment, for the statistics panel, the headless
 * mode's JSON and the receiver reports. Packet figures follow RFC 3550 A.3 (expected from
 * extended sequence numbers); jitter is A.8's, in milliseconds. Rates marked "current" cover the
 * last second or so; the averages cover the time spent playing.
 *
 * @param target             what is played, as given
 * @param transport          {@code UDP} or {@code TCP}
 * @param ssrc               the stream's SSRC in hex, empty before the first packet
 * @param playingSeconds     time spent playing (pauses left out)
 * @param packetsReceived    RTP packets of the stream received
 * @param packetsExpected    packets the sequence numbers say were sent
 * @param packetsLost        expected less received
 * @param lossRate           lost over expected, 0..1
 * @param bytesReceived      bytes of RTP, headers included
 * @param dataRateKbps       current data rate, kbit/s
 * @param averageDataRateKbps data rate over the playing time, kbit/s
 * @param framesReceived     frames the depayloader completed
 * @param framesShown        frames shown (or written)
 * @param frameRateReceived  current frames completed per second
 * @param frameRateShown     current frames shown per second
 * @param averageFrameRateShown frames shown per second of playing time
 * @param framesDroppedLate  complete frames that came after their presentation time
 * @param framesDroppedIncomplete frames with missing or malformed packets
 * @param framesDroppedOverflow frames pushed out of a full jitter buffer
 * @param jitterMillis       interarrival jitter, ms
 * @param senderReports      RTCP sender reports received
 * @param receiverReports    RTCP receiver reports sent
 * @param fellBackToTcp      true when UDP brought nothing and the player switched to TCP
 */
record Statistics(String target, String transport, String ssrc, double playingSeconds, long packetsReceived,
                  long packetsExpected, long packetsLost, double lossRate, long bytesReceived, double dataRateKbps,
                  double averageDataRateKbps, long framesReceived, long framesShown, double frameRateReceived,
                  double frameRateShown, double averageFrameRateShown, long framesDroppedLate,
                  long framesDroppedIncomplete, long framesDroppedOverflow, double jitterMillis, long senderReports,
                  long receiverReports, boolean fellBackToTcp) {

    /** Nothing received yet. */
    static Statistics none(String target) {
        return new Statistics(target, "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);
    }

    /** Every frame dropped, for whatever reason. */
    long framesDropped() {
        return framesDroppedLate + framesDroppedIncomplete + framesDroppedOverflow;
    }

    /** The figures by name, in the panel's and the JSON's order. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("transport", transport);
        m.put("ssrc", ssrc);
        m.put("playingSeconds", playingSeconds);
        m.put("packetsReceived", packetsReceived);
        m.put("packetsExpected", packetsExpected);
        m.put("packetsLost", packetsLost);
        m.put("lossRate", lossRate);
        m.put("bytesReceived", bytesReceived);
        m.put("dataRateKbps", dataRateKbps);
        m.put("averageDataRateKbps", averageDataRateKbps);
        m.put("framesReceived", framesReceived);
        m.put("framesShown", framesShown);
        m.put("frameRateReceived", frameRateReceived);
        m.put("frameRateShown", frameRateShown);
        m.put("averageFrameRateShown", averageFrameRateShown);
        m.put("framesDropped", framesDropped());
        m.put("framesDroppedLate", framesDroppedLate);
        m.put("framesDroppedIncomplete", framesDroppedIncomplete);
        m.put("framesDroppedOverflow", framesDroppedOverflow);
        m.put("jitterMs", jitterMillis);
        m.put("senderReportsReceived", senderReports);
        m.put("receiverReportsSent", receiverReports);
        m.put("fellBackToTcp", fellBackToTcp);
        return m;
    }

    /** The figures as one JSON object, numbers with at most three decimals. */
    String toJson() {
        StringBuilder json = new StringBuilder("{\n");
        boolean first = true;
        for (Map.Entry<String, Object> e : asMap().entrySet()) {
            if (!first) {
                json.append(",\n");
            }
            first = false;
            json.append("  \"").append(e.getKey()).append("\": ").append(jsonValue(e.getValue()));
        }
        return json.append("\n}\n").toString();
    }

    private static String jsonValue(Object value) {
        return switch (value) {
            case Double d -> Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null";
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> quote(value.toString());
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
