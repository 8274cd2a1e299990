package dev.rill.plugin.mjpeg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The machine-readable report of {@code check --json}: one JSON object on one line, keys in a
 * fixed order, sizes in bytes, {@code "fault": null} for an intact container, and a whole number
 * (the median, fps, duration) written without a fraction.
 */
final class ClipSurveyJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Immutable; compact output, one line. */
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private ClipSurveyJson() {
    }

    /** The report as one JSON object on one line. */
    static String json(ClipSurvey survey, double fps) {
        ObjectNode report = NODES.objectNode()
                .put("file", survey.file())
                .put("frames", survey.frames())
                .put("clean", survey.clean())
                .put("fault", survey.fault().orElse(null));
        ClipSurvey.FrameSizes sizes = survey.sizes();
        ObjectNode frameBytes = report.putObject("frameBytes").put("min", sizes.min());
        number(frameBytes, "median", sizes.median());
        frameBytes.put("max", sizes.max()).put("total", sizes.total());
        report.set("dimensions", counts(survey.dimensions()));
        report.set("sampling", counts(survey.sampling()));
        report.set("coding", counts(survey.coding()));
        report.put("unreadableFrames", survey.unreadableCount());
        ArrayNode unreadable = report.putArray("unreadable");
        for (ClipSurvey.UnreadableFrame frame : survey.unreadable()) {
            unreadable.addObject().put("frame", frame.number()).put("problem", frame.problem());
        }
        number(report, "fps", fps);
        number(report, "durationSeconds", survey.durationSeconds(fps));
        report.putObject("rfc2435")
                .put("carriedAsIs", survey.carriedAsIs())
                .set("reencoded", counts(survey.reencodeReasons()));
        report.set("javaClient", client(survey.fit(CourseClient.JAVA)));
        report.set("pythonClient", client(survey.fit(CourseClient.PYTHON)));
        return write(report);
    }

    private static ObjectNode client(ClipSurvey.ClientFit fit) {
        return NODES.objectNode()
                .put("fits", fit.fits())
                .put("bufferBytes", fit.client().bufferBytes())
                .put("maxFrameBytes", fit.client().maxFrameBytes())
                .put("framesOver", fit.framesOver())
                .put("largestFrameBytes", fit.largest());
    }

    /** {@code {"320x240": 577, ...}} in the map's order. */
    private static ObjectNode counts(Map<String, Integer> counts) {
        ObjectNode object = NODES.objectNode();
        counts.forEach(object::put);
        return object;
    }

    /** A whole number as an integer (20, not 20.0), as readers of the report expect. */
    private static void number(ObjectNode object, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            object.put(name, (long) value);
        } else {
            object.put(name, value);
        }
    }

    /** {@code text} as a JSON string literal, escaped as the report escapes it (RFC 8259 §7). */
    static String string(String text) {
        return write(NODES.textNode(text));
    }

    private static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Plain nodes always serialise; only a broken Jackson gets here.
            throw new IllegalStateException("check: cannot write JSON", e);
        }
    }
}
