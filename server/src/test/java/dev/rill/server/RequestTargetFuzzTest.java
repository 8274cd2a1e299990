package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request target of every RTSP request (and the HTTP paths that reuse it): any target gives
 * a mount path or nothing, never an exception, and a path given is safe to look up: absolute,
 * at most {@link RequestTarget#MAX_PATH} chars, no control characters, backslashes, empty or dot
 * segments, no trailing slash.
 */
class RequestTargetFuzzTest {

    /** A path that ended in a track suffix and slashes: trimmed, it reads as a track URL the second time. */
    private static final Pattern TRACK_LIKE = Pattern.compile(".*/(?:trackID|streamid|stream)=\\d{1,3}");

    @FuzzTest
    void parse(byte[] input) {
        String target = new String(input, StandardCharsets.ISO_8859_1);
        Optional<RequestTarget> parsed = RequestTarget.parse(target);
        if (parsed.isEmpty()) {
            return;
        }
        String path = parsed.get().mountPath();
        assertTrue(path.startsWith("/") && path.length() <= RequestTarget.MAX_PATH, path);
        assertFalse(path.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\'), path);
        if (!path.equals("/")) {
            assertFalse(path.endsWith("/"), path);
            for (String segment : path.substring(1).split("/", -1)) {
                assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), path);
            }
        }
        parsed.get().track().ifPresent(t -> assertTrue(t >= 0 && t <= 999, "track " + t));
        // The absolute form of what was found names the same mount and track.
        String again = "rtsp://127.0.0.1:8554" + encode(path)
                + parsed.get().track().stream().mapToObj(t -> "/trackID=" + t).findFirst().orElse("");
        if (parsed.get().track().isPresent() || !TRACK_LIKE.matcher(path).matches()) {
            assertEquals(parsed, RequestTarget.parse(again), again);
        }
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
