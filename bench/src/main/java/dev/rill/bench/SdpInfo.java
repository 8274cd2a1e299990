package dev.rill.bench;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the load generator needs from a DESCRIBE's SDP (RFC 4566): the first video media's
 * {@code a=control} (the URL to SETUP), its {@code a=framerate} and the clock rate of its
 * {@code a=rtpmap}. Anything else is ignored.
 *
 * @param control   the media-level control attribute, or the session-level one, or {@code *}
 * @param frameRate {@code a=framerate}, if given
 * @param clockRate the RTP clock rate in Hz; 90,000 (the video clock, RFC 3551) when no rtpmap says
 */
record SdpInfo(String control, OptionalDouble frameRate, int clockRate) {

    /** RFC 3551 §5: the clock rate of every video payload format. */
    static final int VIDEO_CLOCK_RATE = 90_000;

    SdpInfo {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0: " + clockRate);
        }
        frameRate.ifPresent(f -> {
            if (!(f > 0 && f <= 1000)) {
                throw new IllegalArgumentException("frame rate must be in (0, 1000]: " + f);
            }
        });
    }

    /** Parses the SDP text; tolerant of LF line ends and of attributes it does not know. */
    static SdpInfo parse(String sdp) {
        String sessionControl = "*";
        Optional<String> mediaControl = Optional.empty();
        OptionalDouble frameRate = OptionalDouble.empty();
        int clockRate = VIDEO_CLOCK_RATE;
        boolean inMedia = false;
        boolean inVideo = false;
        boolean videoSeen = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                inMedia = true;
                inVideo = !videoSeen && line.startsWith("m=video");
                videoSeen |= inVideo;
            } else if (line.startsWith("a=control:")) {
                String value = line.substring("a=control:".length()).trim();
                if (!inMedia) {
                    sessionControl = value;
                } else if (inVideo) {
                    mediaControl = Optional.of(value);
                }
            } else if (line.startsWith("a=framerate:") && (inVideo || !inMedia)) {
                try {
                    frameRate = OptionalDouble.of(Double.parseDouble(line.substring("a=framerate:".length()).trim()));
                } catch (NumberFormatException e) {
                    // a frame rate that is no number is as good as none
                }
            } else if (line.startsWith("a=rtpmap:") && inVideo) {
                clockRate = rtpmapClock(line).orElse(clockRate);
            }
        }
        return new SdpInfo(mediaControl.orElse(sessionControl), frameRate, clockRate);
    }

    /** {@code a=rtpmap:26 JPEG/90000} → 90000. */
    private static Optional<Integer> rtpmapClock(String line) {
        int slash = line.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String rest = line.substring(slash + 1);
        int end = rest.indexOf('/');
        try {
            int rate = Integer.parseInt((end < 0 ? rest : rest.substring(0, end)).trim().toLowerCase(Locale.ROOT));
            return rate > 0 ? Optional.of(rate) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
