package dev.rill.wire;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Range header in normal play time (RFC 2326 §3.6, §12.29): {@code npt=10.5-20},
 * {@code npt=0-}, {@code npt=now-}, {@code npt=-20}, {@code npt=1:02:03.5-}.
 *
 * <p>Format: seconds with three decimals, {@code npt=10.500-}, {@code npt=0.000-20.000};
 * {@code npt=now-} for a range with neither start nor end, {@code npt=-20.000} for one with only
 * an end. {@code npt=now-20} therefore reads back as {@code npt=-20.000}: the same range.
 *
 * @param start where to start, from the beginning of the presentation; empty for "now", the
 *              current position (what RFC 2326 §10.5 plays from when no start is given)
 * @param end   where to stop; empty for the end of the presentation
 */
public record NptRange(Optional<Duration> start, Optional<Duration> end) {

    private static final int MAX_SECONDS_DIGITS = 12;

    public NptRange {
        Objects.requireNonNull(start, "start").ifPresent(s -> checkTime("start", s));
        Objects.requireNonNull(end, "end").ifPresent(e -> checkTime("end", e));
        if (start.isPresent() && end.isPresent() && end.get().compareTo(start.get()) < 0) {
            throw new IllegalArgumentException("range ends before it starts: " + start.get() + " > " + end.get());
        }
    }

    /** From {@code start} to the end. */
    public static NptRange from(Duration start) {
        return new NptRange(Optional.of(start), Optional.empty());
    }

    /** From the current position to the end: {@code npt=now-}. */
    public static NptRange now() {
        return new NptRange(Optional.empty(), Optional.empty());
    }

    /**
     * The range of a Range header value. A {@code ;time=} parameter is ignored.
     *
     * @throws UnsupportedRangeException for a well-formed range in another unit (smpte, clock)
     * @throws IllegalArgumentException  for anything else that is not an npt range
     */
    public static NptRange parse(String headerValue) {
        String value = headerValue.trim();
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            value = value.substring(0, semicolon).trim();
        }
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw invalid(headerValue, "no unit= before the range");
        }
        String unit = value.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        if (!unit.equals("npt")) {
            if (unit.equals("smpte") || unit.startsWith("smpte-") || unit.equals("clock")) {
                throw new UnsupportedRangeException(unit);
            }
            throw invalid(headerValue, "unknown unit '" + unit + "'");
        }
        String range = value.substring(equals + 1);
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw invalid(headerValue, "no '-' between start and end");
        }
        String startText = range.substring(0, dash).trim();
        String endText = range.substring(dash + 1).trim();
        if (startText.isEmpty() && endText.isEmpty()) {
            throw invalid(headerValue, "neither start nor end");
        }
        Optional<Duration> start = startText.isEmpty() || startText.equalsIgnoreCase("now")
                ? Optional.empty() : Optional.of(time(startText, headerValue));
        Optional<Duration> end = endText.isEmpty() ? Optional.empty() : Optional.of(time(endText, headerValue));
        try {
            return new NptRange(start, end);
        } catch (IllegalArgumentException e) {
            throw invalid(headerValue, e.getMessage());
        }
    }

    /** The header value: {@code npt=10.500-}, {@code npt=0.000-20.000}, {@code npt=now-} or {@code npt=-20.000}. */
    public String format() {
        String from = start.map(NptRange::seconds).orElse(end.isPresent() ? "" : "now");
        return "npt=" + from + "-" + end.map(NptRange::seconds).orElse("");
    }

    private static String seconds(Duration d) {
        return d.getSeconds() + "." + String.format(Locale.ROOT, "%03d", d.toMillisPart());
    }

    /** npt-sec ({@code 123.45}) or npt-hhmmss ({@code 1:02:03.5}), RFC 2326 §3.6. */
    private static Duration time(String text, String headerValue) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (!digits(fraction, 0, Integer.MAX_VALUE)) {
            throw invalid(headerValue, "bad time '" + text + "'");
        }
        long seconds;
        String[] hms = whole.split(":", -1);
        if (hms.length == 1 && digits(whole, 1, MAX_SECONDS_DIGITS)) {
            seconds = Long.parseLong(whole);
        } else if (hms.length == 3 && digits(hms[0], 1, MAX_SECONDS_DIGITS - 4) && digits(hms[1], 1, 2)
                && digits(hms[2], 1, 2) && Integer.parseInt(hms[1]) < 60 && Integer.parseInt(hms[2]) < 60) {
            seconds = Long.parseLong(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Integer.parseInt(hms[2]);
        } else {
            throw invalid(headerValue, "bad time '" + text + "'");
        }
        // Nanosecond resolution is the most Duration holds; further digits are dropped.
        String nanos = (fraction + "000000000").substring(0, 9);
        return Duration.ofSeconds(seconds, Long.parseLong(nanos));
    }

    private static boolean digits(String s, int minLength, int maxLength) {
        return s.length() >= minLength && s.length() <= maxLength && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void checkTime(String what, Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + time);
        }
    }

    private static IllegalArgumentException invalid(String headerValue, String why) {
        return new IllegalArgumentException("not an npt range '" + headerValue + "': " + why);
    }
}
