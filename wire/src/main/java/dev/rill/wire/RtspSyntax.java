package dev.rill.wire;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspStatus;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of the lines of an RTSP message head: start lines (RFC 2326 §6.1, §7.1), header
 * fields (§4.2) and Content-Length (§12.14). Pure functions on one line of text, kept apart from
 * the buffering in {@link RtspDecoder}. Lines arrive here without their line end, decoded as
 * ISO-8859-1 so that every byte maps to one char.
 */
final class RtspSyntax {

    /** What starts a status line; a method token can never contain the {@code /}. */
    static final String STATUS_LINE_PREFIX = "RTSP/";

    /** {@code name/major.minor}, the shape of RTSP-Version and of HTTP's version. */
    private static final Pattern VERSION = Pattern.compile("([A-Za-z]+)/(\\d{1,4})\\.(\\d{1,4})");
    private static final Pattern SP_OR_HT = Pattern.compile("[ \\t]+");

    /** A parsed request line or status line. */
    sealed interface StartLine permits RequestLine, StatusLine {
    }

    /** {@code Method SP Request-URI SP RTSP-Version} (RFC 2326 §6.1). */
    record RequestLine(RtspMethod method, String target, String version) implements StartLine {
    }

    /** {@code RTSP-Version SP Status-Code SP Reason-Phrase} (RFC 2326 §7.1). */
    record StatusLine(String version, RtspStatus status) implements StartLine {
    }

    /** One header field, name and value trimmed. */
    record Field(String name, String value) {
    }

    private RtspSyntax() {
    }

    /** The request line or status line {@code line}; 400 for garbage, 505 for a version other than RTSP/1.x. */
    static StartLine parseStartLine(String line) throws RtspParseException {
        return line.startsWith(STATUS_LINE_PREFIX) ? parseStatusLine(line) : parseRequestLine(line);
    }

    /** True when {@code line} is a well-formed start line (never throws). */
    static boolean isStartLine(String line) {
        try {
            parseStartLine(line);
            return true;
        } catch (RtspParseException e) {
            return false;
        }
    }

    private static RequestLine parseRequestLine(String line) throws RtspParseException {
        // Tolerates runs of SP/HT between the parts and after the version, not before the method.
        String[] parts = SP_OR_HT.split(trimTrailing(line), -1);
        if (parts.length != 3) {
            throw bad("request line is not 'method target version'");
        }
        if (!RtspMethod.isToken(parts[0])) {
            throw bad("method is not a token");
        }
        String target = parts[1];
        if (target.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw bad("request target contains control characters");
        }
        checkVersion(parts[2]);
        return new RequestLine(RtspMethod.valueOf(parts[0]), target, parts[2]);
    }

    private static StatusLine parseStatusLine(String line) throws RtspParseException {
        int versionEnd = indexOfSpace(line, 0);
        if (versionEnd < 0) {
            throw bad("status line has no status code");
        }
        String version = line.substring(0, versionEnd);
        checkVersion(version);
        int codeStart = skipSpaces(line, versionEnd);
        int codeEnd = indexOfSpace(line, codeStart);
        String code = line.substring(codeStart, codeEnd < 0 ? line.length() : codeEnd);
        if (code.length() != 3 || code.charAt(0) < '1' || !isDigits(code)) {
            throw bad("status code is not three digits");
        }
        // The reason phrase may be empty and may contain spaces (RFC 2326 §7.1.1).
        String reason = codeEnd < 0 ? "" : trim(line.substring(codeEnd));
        return new StatusLine(version, new RtspStatus(Integer.parseInt(code), reason));
    }

    /** RTSP/1.x is accepted; another {@code name/d.d} is 505; anything else is 400. */
    private static void checkVersion(String version) throws RtspParseException {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw bad("no protocol version where RTSP/1.0 belongs");
        }
        if (!m.group(1).equals("RTSP") || Integer.parseInt(m.group(2)) != 1) {
            throw new RtspParseException(RtspStatus.VERSION_NOT_SUPPORTED, "only RTSP/1.x is supported");
        }
    }

    /**
     * The field on a header line {@code Name: value}; the space after the colon and white space
     * around name and value are optional. Empty when the line is not a field.
     */
    static Optional<Field> parseField(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = trimTrailing(line.substring(0, colon));
        if (!RtspHeaders.isFieldName(name)) {
            return Optional.empty();
        }
        return Optional.of(new Field(name, trim(line.substring(colon + 1))));
    }

    /** True for a line that continues the previous field's value (RFC 2616 §2.2 LWS). */
    static boolean isContinuation(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }

    /**
     * The Content-Length value (RFC 2326 §12.14): 400 if it is not a non-negative decimal, 413
     * if it is over {@code maxBody}.
     */
    static int parseContentLength(String value, int maxBody) throws RtspParseException {
        String digits = trim(value);
        if (digits.isEmpty() || !isDigits(digits)) {
            throw bad("Content-Length is not a non-negative decimal");
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        digits = digits.substring(first);
        // More than 10 digits cannot fit an int and is over any limit: no need to parse it.
        if (digits.length() > 10 || Long.parseLong(digits) > maxBody) {
            throw new RtspParseException(RtspStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Content-Length " + (digits.length() > 10 ? "of more than 10 digits" : digits)
                            + " is over the limit of " + maxBody + " bytes");
        }
        return Integer.parseInt(digits);
    }

    /** True when {@code value} is a Content-Length of zero (never throws). */
    static boolean isZeroLength(String value) {
        String digits = trim(value);
        return !digits.isEmpty() && digits.chars().allMatch(c -> c == '0');
    }

    /** {@code s} without leading and trailing SP and HT (not other control characters). */
    static String trim(String s) {
        int from = skipSpaces(s, 0);
        return from == s.length() ? "" : trimTrailing(s.substring(from));
    }

    private static String trimTrailing(String s) {
        int to = s.length();
        while (to > 0 && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(0, to);
    }

    private static int indexOfSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static RtspParseException bad(String reason) {
        return new RtspParseException(RtspStatus.BAD_REQUEST, reason);
    }
}
