package dev.rill.spi;

import java.util.Map;
import java.util.Objects;

/**
 * An RTSP method name. Methods are an open set (RFC 2326 §10 lets extensions add methods), so this
 * is a value with constants for the known ones rather than an enum.
 *
 * @param name the method token exactly as on the wire; methods are case-sensitive (RFC 2326 §6.1)
 */
public record RtspMethod(String name) {

    /** RFC 2326 §10.1: asks what the server supports. */
    public static final RtspMethod OPTIONS = new RtspMethod("OPTIONS");
    /** RFC 2326 §10.2: asks for a presentation description (SDP). */
    public static final RtspMethod DESCRIBE = new RtspMethod("DESCRIBE");
    /** RFC 2326 §10.3. */
    public static final RtspMethod ANNOUNCE = new RtspMethod("ANNOUNCE");
    /** RFC 2326 §10.4: creates a session and chooses its transport. */
    public static final RtspMethod SETUP = new RtspMethod("SETUP");
    /** RFC 2326 §10.5: starts or resumes sending, optionally from a {@code Range}. */
    public static final RtspMethod PLAY = new RtspMethod("PLAY");
    /** RFC 2326 §10.6: halts sending, keeping the position. */
    public static final RtspMethod PAUSE = new RtspMethod("PAUSE");
    /** RFC 2326 §10.7: ends the session and frees its resources. */
    public static final RtspMethod TEARDOWN = new RtspMethod("TEARDOWN");
    /** RFC 2326 §10.8: with an empty body, a keep-alive. */
    public static final RtspMethod GET_PARAMETER = new RtspMethod("GET_PARAMETER");
    /** RFC 2326 §10.9. */
    public static final RtspMethod SET_PARAMETER = new RtspMethod("SET_PARAMETER");
    /** RFC 2326 §10.10. */
    public static final RtspMethod REDIRECT = new RtspMethod("REDIRECT");
    /** RFC 2326 §10.11. */
    public static final RtspMethod RECORD = new RtspMethod("RECORD");

    private static final Map<String, RtspMethod> KNOWN = Map.ofEntries(
            Map.entry(OPTIONS.name, OPTIONS), Map.entry(DESCRIBE.name, DESCRIBE),
            Map.entry(ANNOUNCE.name, ANNOUNCE), Map.entry(SETUP.name, SETUP),
            Map.entry(PLAY.name, PLAY), Map.entry(PAUSE.name, PAUSE),
            Map.entry(TEARDOWN.name, TEARDOWN), Map.entry(GET_PARAMETER.name, GET_PARAMETER),
            Map.entry(SET_PARAMETER.name, SET_PARAMETER), Map.entry(REDIRECT.name, REDIRECT),
            Map.entry(RECORD.name, RECORD));

    /** The longest method token accepted; real ones are at most 13 characters. */
    public static final int MAX_LENGTH = 32;

    public RtspMethod {
        Objects.requireNonNull(name, "name");
        if (!isToken(name)) {
            throw new IllegalArgumentException("not an RTSP method token: '" + name + "'");
        }
    }

    /** The known constant for {@code name}, or a new method value for an extension method. */
    public static RtspMethod valueOf(String name) {
        RtspMethod known = KNOWN.get(name);
        return known != null ? known : new RtspMethod(name);
    }

    /** True for a non-empty RFC 2616 token of at most {@link #MAX_LENGTH} characters. */
    public static boolean isToken(String s) {
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
