package dev.rill.wire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user-info of URLs (RFC 3986 §3.2.1) hidden for display: in any text, a log line, a
 * source's description, a request target, {@code rtsp://user:pw@host/x} becomes
 * {@code rtsp://user:***@host/x}, and a user-info without a password, often a token, becomes
 * {@code ***}. Cameras still take passwords in URLs, so a URL from the config is shown only
 * through here.
 */
public final class UserInfo {

    /** What a password (or a token) is shown as. */
    public static final String HIDDEN = "***";

    /**
     * A scheme, {@code //}, and an authority up to its last {@code @} (a password may hold an
     * unescaped {@code @}); the authority ends at {@code / ? #}, white space or a quote, so a
     * match never reaches into the text after the URL.
     */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#\\s\"'<>\\\\]*)@");

    private UserInfo() {
    }

    /** {@code text} with the password (or token) of every URL's user-info hidden; the rest unchanged. */
    public static String masked(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String shown = colon < 0 ? HIDDEN : info.substring(0, colon) + ":" + HIDDEN;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
