package dev.rill.plugin.mjpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report of {@code check}: one "label: value" line per fact. */
final class ClipSurveyText {

    /** The label of the RFC 2435 line: the players that speak it. */
    static final String RFC_2435 = "RFC 2435 (ffmpeg, GStreamer, VLC)";

    private ClipSurveyText() {
    }

    /**
     * The report's lines, without line terminators.
     *
     * @param fps the frame rate the duration is computed at, &gt; 0
     */
    static List<String> lines(ClipSurvey survey, double fps) {
        List<String> lines = new ArrayList<>();
        lines.add("file: " + survey.file());
        lines.add("frames: " + survey.frames() + " valid");
        lines.add("container: " + survey.fault()
                .map(f -> "CORRUPT: " + f + "; nothing after it is read")
                .orElse("intact"));
        ClipSurvey.FrameSizes sizes = survey.sizes();
        lines.add("frame sizes: min " + thousands(sizes.min()) + ", median " + median(sizes.median()) + ", max "
                + thousands(sizes.max()) + " bytes (" + thousands(sizes.total()) + " in all)");
        if (survey.unreadableCount() > 0) {
            lines.add("unreadable JPEG: " + frames(survey.unreadableCount()) + ", not sent by RFC 2435");
            for (ClipSurvey.UnreadableFrame frame : survey.unreadable()) {
                lines.add("  frame " + frame.number() + ": " + frame.problem());
            }
            int unlisted = survey.unreadableCount() - survey.unreadable().size();
            if (unlisted > 0) {
                lines.add("  ... and " + frames(unlisted) + " more");
            }
        }
        lines.add("dimensions: " + counts(survey.dimensions()));
        lines.add("chroma sampling: " + counts(survey.sampling()));
        lines.add("coding: " + counts(survey.coding()));
        lines.add("duration: " + duration(survey.durationSeconds(fps)) + " at " + number(fps) + " fps");
        lines.addAll(rfc2435(survey));
        lines.add(client(survey.fit(CourseClient.JAVA), false));
        lines.add(client(survey.fit(CourseClient.PYTHON), true));
        return lines;
    }

    private static List<String> rfc2435(ClipSurvey survey) {
        Map<String, Integer> reasons = survey.reencodeReasons();
        if (reasons.isEmpty()) {
            // Unreadable frames are listed above; the readable ones go as they are.
            return List.of(RFC_2435 + ": " + (survey.carriedAsIs() > 0 ? "carried as is" : "nothing to send"));
        }
        String lead = RFC_2435 + ": re-encoded by Rill before sending: ";
        if (reasons.size() == 1 && survey.carriedAsIs() == 0) {
            Map.Entry<String, Integer> only = reasons.entrySet().iterator().next();
            return List.of(lead + only.getKey() + " (" + frames(only.getValue()) + ")");
        }
        List<String> lines = new ArrayList<>();
        lines.add(lead.stripTrailing());
        reasons.forEach((reason, count) -> lines.add("  " + reason + " (" + frames(count) + ")"));
        if (survey.carriedAsIs() > 0) {
            lines.add("  the other " + frames(survey.carriedAsIs()) + " carried as is");
        }
        return lines;
    }

    private static String client(ClipSurvey.ClientFit fit, boolean sayBuffer) {
        CourseClient client = fit.client();
        String buffer = sayBuffer ? "; " + thousands(client.bufferBytes()) + "-byte buffer" : "";
        if (fit.fits()) {
            return client.label() + ": yes (every frame <= " + thousands(client.maxFrameBytes()) + " bytes" + buffer + ")";
        }
        return client.label() + ": no: " + frames(fit.framesOver()) + " over " + thousands(client.maxFrameBytes())
                + " bytes (largest " + thousands(fit.largest()) + buffer + ")";
    }

    /** "320x240 (577 frames), 640x480 (3 frames)"; "none" when empty. */
    private static String counts(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none readable";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((name, count) -> parts.add(name + " (" + frames(count) + ")"));
        return String.join(", ", parts);
    }

    static String frames(long count) {
        return thousands(count) + (count == 1 ? " frame" : " frames");
    }

    /** With thousands separators, as the course's documents write sizes: 14,988. */
    static String thousands(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String median(double median) {
        return median == Math.rint(median) ? thousands((long) median) : String.format(Locale.ROOT, "%,.1f", median);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** "28.85 s", or "500.00 s (8:20)" from a minute on. */
    private static String duration(double seconds) {
        String text = String.format(Locale.ROOT, "%.2f s", seconds);
        if (seconds >= 60) {
            long whole = (long) seconds;
            text += String.format(Locale.ROOT, " (%d:%02d)", whole / 60, whole % 60);
        }
        return text;
    }
}
