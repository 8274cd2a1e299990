package dev.rill.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The RTP-Info header of a PLAY response (RFC 2326 §12.33): for each stream, its URL and the
 * sequence number and RTP timestamp of the first packet after the PLAY, e.g.
 * {@code url=rtsp://host/movie/trackID=0;seq=4711;rtptime=123456}. Streams are comma separated.
 *
 * <p>A URL may itself hold commas and semicolons, so an entry ends only at a comma followed by
 * {@code url=}, and a parameter only at a semicolon followed by a known name (§12.33 notes the
 * ambiguity). Unknown parameters (RFC 7826's {@code ssrc}) are skipped when parsing.
 *
 * @param entries one per stream, at least one
 */
public record RtpInfo(List<Entry> entries) {

    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",(?=\\s*(?i:url)\\s*=)");
    private static final Pattern PARAMETER_SEPARATOR = Pattern.compile(";(?=\\s*(?i:url|seq|rtptime|ssrc)\\s*=)");

    /**
     * One stream.
     *
     * @param url     the stream's URL, without white space
     * @param seq     sequence number of the first packet, 0..65535
     * @param rtptime RTP timestamp of the first packet, 0..2^32-1
     */
    public record Entry(String url, OptionalInt seq, OptionalLong rtptime) {
        public Entry {
            Objects.requireNonNull(url, "url");
            if (url.isEmpty() || url.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("RTP-Info url must be non-empty without spaces: '" + url + "'");
            }
            Objects.requireNonNull(seq, "seq").ifPresent(s -> {
                if (s < 0 || s > 0xFFFF) {
                    throw new IllegalArgumentException("RTP-Info seq must be 0..65535: " + s);
                }
            });
            Objects.requireNonNull(rtptime, "rtptime").ifPresent(t -> {
                if (t < 0 || t > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("RTP-Info rtptime must be 0..2^32-1: " + t);
                }
            });
        }

        /** A stream with both seq and rtptime. */
        public static Entry of(String url, int seq, long rtptime) {
            return new Entry(url, OptionalInt.of(seq), OptionalLong.of(rtptime));
        }

        /** {@code url=...;seq=...;rtptime=...}. */
        public String format() {
            StringBuilder sb = new StringBuilder("url=").append(url);
            seq.ifPresent(s -> sb.append(";seq=").append(s));
            rtptime.ifPresent(t -> sb.append(";rtptime=").append(t));
            return sb.toString();
        }
    }

    public RtpInfo {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("RTP-Info needs at least one stream");
        }
    }

    /** Info for streams in this order. */
    public static RtpInfo of(Entry... entries) {
        return new RtpInfo(List.of(entries));
    }

    /**
     * The RTP-Info header value.
     *
     * @throws IllegalArgumentException naming what could not be parsed
     */
    public static RtpInfo parse(String headerValue) {
        List<Entry> entries = new ArrayList<>();
        for (String text : ENTRY_SEPARATOR.split(headerValue.trim(), -1)) {
            try {
                entries.add(entry(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an RTP-Info header '" + headerValue + "': " + e.getMessage(), e);
            }
        }
        return new RtpInfo(entries);
    }

    private static Entry entry(String text) {
        String url = null;
        OptionalInt seq = OptionalInt.empty();
        OptionalLong rtptime = OptionalLong.empty();
        for (String parameter : PARAMETER_SEPARATOR.split(text.trim(), -1)) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("parameter without '=': '" + parameter.trim() + "'");
            }
            String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = parameter.substring(equals + 1).trim();
            switch (name) {
                case "url" -> url = value;
                case "seq" -> seq = OptionalInt.of((int) decimal(value, 5));
                case "rtptime" -> rtptime = OptionalLong.of(decimal(value, 10));
                default -> { } // e.g. ssrc (RFC 7826)
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("an entry has no url");
        }
        return new Entry(url, seq, rtptime);
    }

    private static long decimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a number of 1 to " + maxDigits + " digits: '" + text + "'");
        }
        return Long.parseLong(text);
    }

    /** The header value, entries joined by {@code ,}. */
    public String format() {
        return String.join(",", entries.stream().map(Entry::format).toList());
    }
}
