package dev.rill.plugin.sdp;

import java.util.List;
import java.util.Locale;

/**
 * Whether the Accept fields of a request (RFC 2326 §12.1, with HTTP's syntax: RFC 7231 §5.3.2)
 * allow a media type. The most specific range that matches decides, and a range with
 * {@code q=0} refuses: {@code Accept: application/sdp;q=0, *}{@code /*} refuses SDP.
 */
final class AcceptHeader {

    /** Specificity of a matching range: none, {@code *}{@code /*}, {@code type/*}, {@code type/subtype}. */
    private static final int NO_MATCH = -1;

    private AcceptHeader() {
    }

    /**
     * True when {@code fieldValues} (every Accept field of the request, in order) allow
     * {@code type/subtype}. No fields, or only blank ones, state no preference and allow
     * everything (RFC 7231 §5.3.2).
     */
    static boolean allows(List<String> fieldValues, String type, String subtype) {
        int bestSpecificity = NO_MATCH;
        boolean bestAllows = false;
        boolean anyRange = false;
        for (String field : fieldValues) {
            for (String element : field.split(",")) {
                if (element.isBlank()) {
                    continue;
                }
                anyRange = true;
                String[] parts = element.split(";", -1); // -1: ";" alone is one empty range, not no parts
                int specificity = specificity(parts[0].trim().toLowerCase(Locale.ROOT),
                        type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT));
                if (specificity > bestSpecificity) {
                    bestSpecificity = specificity;
                    bestAllows = !zeroQuality(parts);
                }
            }
        }
        return !anyRange || bestAllows;
    }

    private static int specificity(String range, String type, String subtype) {
        if (range.equals("*/*")) {
            return 0;
        }
        if (range.equals(type + "/*")) {
            return 1;
        }
        if (range.equals(type + "/" + subtype)) {
            return 2;
        }
        return NO_MATCH;
    }

    /** True for {@code q=0}, {@code q=0.0} ...; a malformed q counts as the default, 1. */
    private static boolean zeroQuality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int equals = param.indexOf('=');
            if (equals > 0 && param.substring(0, equals).trim().equalsIgnoreCase("q")) {
                return param.substring(equals + 1).trim().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }
}
