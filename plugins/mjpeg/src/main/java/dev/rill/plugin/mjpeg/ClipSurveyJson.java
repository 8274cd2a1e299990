package dev.rill.plugin.mjpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable report of {@code check --json}: one JSON object (RFC 8259), keys in a
 * fixed order, sizes in bytes, {@code "fault": null} for an intact container. Written by hand
 * because the plugin depends on nothing but the SPI.
 */
final class ClipSurveyJson {

    private ClipSurveyJson() {
    }

    /** The report as one JSON object on one line. */
    static String json(ClipSurvey survey, double fps) {
        List<String> members = new ArrayList<>();
        members.add(member("file", string(survey.file())));
        members.add(member("frames", Integer.toString(survey.frames())));
        members.add(member("clean", Boolean.toString(survey.clean())));
        members.add(member("fault", survey.fault().map(ClipSurveyJson::string).orElse("null")));
        ClipSurvey.FrameSizes sizes = survey.sizes();
        members.add(member("frameBytes", object(List.of(
                member("min", Integer.toString(sizes.min())),
                member("median", number(sizes.median())),
                member("max", Integer.toString(sizes.max())),
                member("total", Long.toString(sizes.total()))))));
        members.add(member("dimensions", counts(survey.dimensions())));
        members.add(member("sampling", counts(survey.sampling())));
        members.add(member("coding", counts(survey.coding())));
        List<String> unreadable = new ArrayList<>();
        for (ClipSurvey.UnreadableFrame frame : survey.unreadable()) {
            unreadable.add(object(List.of(member("frame", Integer.toString(frame.number())),
                    member("problem", string(frame.problem())))));
        }
        members.add(member("unreadableFrames", Integer.toString(survey.unreadableCount())));
        members.add(member("unreadable", "[" + String.join(",", unreadable) + "]"));
        members.add(member("fps", number(fps)));
        members.add(member("durationSeconds", number(survey.durationSeconds(fps))));
        members.add(member("rfc2435", object(List.of(
                member("carriedAsIs", Integer.toString(survey.carriedAsIs())),
                member("reencoded", counts(survey.reencodeReasons()))))));
        members.add(member("javaClient", client(survey.fit(CourseClient.JAVA))));
        members.add(member("pythonClient", client(survey.fit(CourseClient.PYTHON))));
        return object(members);
    }

    private static String client(ClipSurvey.ClientFit fit) {
        return object(List.of(
                member("fits", Boolean.toString(fit.fits())),
                member("bufferBytes", Integer.toString(fit.client().bufferBytes())),
                member("maxFrameBytes", Integer.toString(fit.client().maxFrameBytes())),
                member("framesOver", Integer.toString(fit.framesOver())),
                member("largestFrameBytes", Integer.toString(fit.largest()))));
    }

    /** {@code {"320x240": 577, ...}} in the map's order. */
    private static String counts(Map<String, Integer> counts) {
        List<String> members = new ArrayList<>();
        counts.forEach((name, count) -> members.add(member(name, Integer.toString(count))));
        return object(members);
    }

    private static String object(List<String> members) {
        return "{" + String.join(",", members) + "}";
    }

    private static String member(String name, String value) {
        return string(name) + ":" + value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7). */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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
