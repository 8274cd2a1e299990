package dev.rill.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The header fields of an RTSP message: names compared without regard to case (RFC 2326 §4.2),
 * order and repeated fields kept as received. Immutable; {@link #with} and {@link #without}
 * return new values.
 */
public final class RtspHeaders {

    public static final String CSEQ = "CSeq";
    public static final String SESSION = "Session";
    public static final String TRANSPORT = "Transport";
    public static final String RANGE = "Range";
    public static final String RTP_INFO = "RTP-Info";
    public static final String PUBLIC = "Public";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_BASE = "Content-Base";
    public static final String SERVER = "Server";
    public static final String USER_AGENT = "User-Agent";
    public static final String DATE = "Date";
    public static final String ACCEPT = "Accept";

    /** The longest header name accepted, in characters. */
    static final int MAX_NAME_LENGTH = 256;

    private static final RtspHeaders EMPTY = new RtspHeaders(List.of());

    private final List<Map.Entry<String, String>> fields;

    private RtspHeaders(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    /** No fields. */
    public static RtspHeaders of() {
        return EMPTY;
    }

    /** Fields from alternating names and values: {@code of("CSeq", "1", "Session", "42")}. */
    public static RtspHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        RtspHeaders headers = EMPTY;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers = headers.with(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /**
     * Fields from a parser (the wire decoder) that has already checked every name with {@link #isFieldName} and every
     * value for line ends: one copy instead of one per field.
     */
    public static RtspHeaders ofParsed(List<String> names, List<String> values) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            checkName(name);
            String value = values.get(i);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header value of " + name + " must be one line");
            }
            copy.add(Map.entry(name, value));
        }
        return copy.isEmpty() ? EMPTY : new RtspHeaders(Collections.unmodifiableList(copy));
    }

    /** These fields plus one more at the end. */
    public RtspHeaders with(String name, String value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " must be one line");
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(fields.size() + 1);
        copy.addAll(fields);
        copy.add(Map.entry(name, value));
        return new RtspHeaders(Collections.unmodifiableList(copy));
    }

    /** These fields with every field called {@code name} replaced by one with {@code value}. */
    public RtspHeaders replace(String name, String value) {
        return without(name).with(name, value);
    }

    /** These fields less every field called {@code name}. */
    public RtspHeaders without(String name) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(fields.size());
        for (Map.Entry<String, String> e : fields) {
            if (!e.getKey().equalsIgnoreCase(name)) {
                copy.add(e);
            }
        }
        return copy.size() == fields.size() ? this : new RtspHeaders(Collections.unmodifiableList(copy));
    }

    /** The value of the first field called {@code name}, trimmed. */
    public Optional<String> first(String name) {
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue().trim());
            }
        }
        return Optional.empty();
    }

    /** The values of every field called {@code name}, trimmed, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(name)) {
                values.add(e.getValue().trim());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** Every field in order, as received or added. */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isFieldName(name)) {
            throw new IllegalArgumentException("not a header name: '" + name + "'");
        }
    }

    /** True for an RFC 2616 token of 1 to {@link #MAX_NAME_LENGTH} characters. */
    public static boolean isFieldName(String s) {
        return !s.isEmpty() && s.length() <= MAX_NAME_LENGTH
                && s.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RtspHeaders other) || other.fields.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            Map.Entry<String, String> a = fields.get(i);
            Map.Entry<String, String> b = other.fields.get(i);
            if (!a.getKey().equalsIgnoreCase(b.getKey()) || !a.getValue().equals(b.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, String> e : fields) {
            h = 31 * h + e.getKey().toLowerCase(Locale.ROOT).hashCode() * 17 + e.getValue().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
