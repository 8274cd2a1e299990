package dev.rill.wire;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a client (the player, {@code rtsp-pull}) needs from a DESCRIBE's SDP (RFC 4566): the first
 * video stream's payload type, encoding and clock ({@code a=rtpmap}, or the static types of RFC 3551 when it is missing), its
 * control URL ({@code a=control}, RFC 2326 §C.1.1), the presentation's length
 * ({@code a=range:npt=0-D}, §C.1.5) and the frame rate ({@code a=framerate}).
 *
 * @param payloadType    the RTP payload type of the video stream
 * @param encoding       encoding name, upper case, e.g. {@code JPEG}
 * @param clockRate      RTP clock, Hz
 * @param sessionControl the session-level {@code a=control}, e.g. {@code *}
 * @param mediaControl   the video stream's {@code a=control}, e.g. {@code trackID=0}
 * @param duration       the presentation's length; empty for a live or unbounded stream
 * @param frameRate      frames per second, when stated
 */
public record SessionDescription(int payloadType, String encoding, int clockRate, Optional<String> sessionControl,
                                 Optional<String> mediaControl, Optional<Duration> duration, OptionalDouble frameRate) {

    /** Largest SDP text looked at; RTSP's own body limit is larger, but no real SDP comes near. */
    static final int MAX_LINES = 1000;

    /**
     * The description of the first {@code m=video} stream.
     *
     * @throws IllegalArgumentException when there is no video stream or its format line is malformed
     */
    public static SessionDescription parse(String sdp) {
        String[] lines = sdp.split("\r?\n", MAX_LINES + 1);
        Optional<String> sessionControl = Optional.empty();
        Optional<Duration> sessionRange = Optional.empty();
        boolean inVideo = false;
        boolean videoSeen = false;
        int payloadType = -1;
        String encoding = "";
        int clockRate = 0;
        Optional<String> mediaControl = Optional.empty();
        Optional<Duration> mediaRange = Optional.empty();
        OptionalDouble frameRate = OptionalDouble.empty();
        for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
            String line = lines[i].strip();
            if (line.startsWith("m=")) {
                if (videoSeen) {
                    break; // only the first video stream is played
                }
                inVideo = line.startsWith("m=video ");
                if (inVideo) {
                    videoSeen = true;
                    payloadType = firstFormat(line);
                }
                continue;
            }
            if (!line.startsWith("a=")) {
                continue;
            }
            String attribute = line.substring(2);
            int colon = attribute.indexOf(':');
            String name = (colon < 0 ? attribute : attribute.substring(0, colon)).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : attribute.substring(colon + 1).strip();
            if (!videoSeen) {
                switch (name) {
                    case "control" -> sessionControl = Optional.of(value);
                    case "range" -> sessionRange = duration(value);
                    default -> { }
                }
            } else if (inVideo) {
                switch (name) {
                    case "control" -> mediaControl = Optional.of(value);
                    case "range" -> mediaRange = duration(value);
                    case "framerate" -> frameRate = number(value);
                    case "rtpmap" -> {
                        String[] parts = value.split("\\s+", 2);
                        if (parts.length == 2 && parts[0].equals(Integer.toString(payloadType))) {
                            // Limit -1: "/" alone splits into two empty fields, not into none.
                            String[] map = parts[1].split("/", -1);
                            encoding = map[0].strip().toUpperCase(Locale.ROOT);
                            clockRate = map.length > 1 ? positive(map[1], line) : 0;
                        }
                    }
                    default -> { }
                }
            }
        }
        if (!videoSeen) {
            throw new IllegalArgumentException("the SDP has no video stream (m=video)");
        }
        if (encoding.isEmpty() && payloadType == 26) {
            encoding = "JPEG"; // RFC 3551 §6: static type 26 is JPEG/90000
            clockRate = 90_000;
        }
        if (encoding.isEmpty() || clockRate <= 0) {
            throw new IllegalArgumentException("the SDP's video stream (payload type " + payloadType
                    + ") has no a=rtpmap with an encoding and clock rate");
        }
        Optional<Duration> duration = mediaRange.isPresent() ? mediaRange : sessionRange;
        return new SessionDescription(payloadType, encoding, clockRate, sessionControl, mediaControl, duration,
                frameRate);
    }

    private static int firstFormat(String mLine) {
        String[] fields = mLine.split("\\s+");
        if (fields.length < 4) {
            throw new IllegalArgumentException("malformed media line '" + mLine + "'");
        }
        try {
            int pt = Integer.parseInt(fields[3]);
            if (pt < 0 || pt > 127) {
                throw new IllegalArgumentException("payload type out of range in '" + mLine + "'");
            }
            return pt;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no RTP payload type in '" + mLine + "'", e);
        }
    }

    /** The end of {@code npt=0-D} when there is one: the presentation's length. */
    private static Optional<Duration> duration(String range) {
        try {
            return NptRange.parse(range).end().filter(d -> !d.isZero());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a range in another unit, or one we cannot read: no slider
        }
    }

    private static OptionalDouble number(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && value > 0 ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static int positive(String text, String line) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value <= 0) {
                throw new IllegalArgumentException("clock rate must be > 0 in '" + line + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed clock rate in '" + line + "'", e);
        }
    }

    /**
     * The URL to SETUP the stream with: its control resolved against {@code base} (Content-Base,
     * Content-Location or the DESCRIBE URL); an absolute control as it is; {@code *} or none
     * means {@code base} itself. Like ffmpeg and GStreamer, a relative control is appended to the
     * base with one {@code /} between them, whether or not the base ends with one.
     */
    public String setupUrl(String base) {
        return resolve(base, mediaControl);
    }

    /** The URL for PLAY, PAUSE and TEARDOWN: the aggregate control, or {@code base}. */
    public String aggregateUrl(String base) {
        return resolve(base, sessionControl);
    }

    private static String resolve(String base, Optional<String> control) {
        if (control.isEmpty() || control.get().isEmpty() || control.get().equals("*")) {
            return base;
        }
        String c = control.get();
        if (c.regionMatches(true, 0, "rtsp://", 0, 7) || c.regionMatches(true, 0, "rtsps://", 0, 8)) {
            return c;
        }
        return base.endsWith("/") ? base + c : base + "/" + c;
    }
}
