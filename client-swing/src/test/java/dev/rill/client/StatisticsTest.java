package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headless mode's statistics file. */
class StatisticsTest {

    private static Statistics sample(String target, double lossRate) {
        return new Statistics(target, "UDP", "1a2b3c4d", 1.23456, 100, 103, 3, lossRate, 140_000, 560.0, 1234.5678,
                20, 19, 20.0, 19.0, 19.2, 1, 2, 0, 0.0004, 2, 3, true);
    }

    @Test
    void membersComeInThePanelsOrderOneALine() throws IOException {
        String json = sample("rtsp://h/clip.Mjpeg", 0.03).toJson();

        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(json).fieldNames().forEachRemaining(names::add);
        assertEquals(List.copyOf(sample("x", 0).asMap().keySet()), names);
        assertTrue(json.startsWith("{\n  \"target\": \"rtsp://h/clip.Mjpeg\",\n  \"transport\": \"UDP\",\n"), json);
        assertTrue(json.endsWith("\n  \"fellBackToTcp\": true\n}\n"), json);
    }

    @Test
    void fractionsHaveThreeDecimalsAndCountsNone() throws IOException {
        String json = sample("t", 0.03).toJson();
        JsonNode stats = new ObjectMapper().readTree(json);

        assertTrue(json.contains("\"playingSeconds\": 1.235,"), json);
        assertTrue(json.contains("\"jitterMs\": 0.000,"), json);
        assertTrue(json.contains("\"packetsReceived\": 100,"), json);
        assertTrue(stats.get("framesDropped").isIntegralNumber());
        assertEquals(3, stats.get("framesDropped").intValue());
        assertEquals(1234.568, stats.get("averageDataRateKbps").doubleValue());
    }

    @Test
    void aNumberJsonCannotHoldIsNull() throws IOException {
        JsonNode stats = new ObjectMapper().readTree(sample("t", Double.NaN).toJson());

        assertTrue(stats.get("lossRate").isNull());
    }

    @Test
    void theTargetComesBackUnchanged() throws IOException {
        String target = "rtsp://h/a \"b\" \\c\u0001.Mjpeg";

        assertEquals(target, new ObjectMapper().readTree(sample(target, 0).toJson()).get("target").textValue());
    }
}
