package dev.rill.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
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

    /** Immutable; two-space indentation and {@code "name": value}, as scripts reading the file saw it so far. */
    private static final ObjectWriter JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

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

    /**
     * The figures as one JSON object in {@link #asMap()}'s order, one member a line as
     * {@code "name": value}, fractions with three decimals, a number JSON cannot hold as null.
     */
    String toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        asMap().forEach((name, value) -> {
            switch (value) {
                case Double d when !Double.isFinite(d) -> json.putNull(name);
                case Double d -> json.put(name, BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP));
                case Long n -> json.put(name, n);
                case Boolean b -> json.put(name, b);
                default -> json.put(name, value.toString());
            }
        });
        try {
            return JSON.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            // Plain nodes always serialise; only a broken Jackson gets here.
            throw new IllegalStateException("cannot write the statistics as JSON", e);
        }
    }
}
