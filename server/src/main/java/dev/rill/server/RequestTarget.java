package dev.rill.server;

import dev.rill.spi.RtspRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request target names: a mount path (decoded, starting with {@code /}, no trailing
 * slash) and, for a track URL, the track. Accepts absolute {@code rtsp://} URLs and the course's
 * bare file names. Anything odd (bad escapes, control characters, NUL, backslashes, dot
 * segments) is refused, which the server answers with 404 (or 400 for a malformed URL).
 *
 * @param mountPath the decoded path, e.g. {@code /movie.Mjpeg}; {@code /} for the server itself
 * @param track     the track for {@code .../trackID=n}, empty for the aggregate URL
 */
record RequestTarget(String mountPath, OptionalInt track) {

    /** Longest decoded path accepted; the request line limit already bounds the raw form. */
    static final int MAX_PATH = 1024;

    /** {@code trackID=} as Rill writes it; {@code streamid=} (ffmpeg) and {@code stream=} (GStreamer) as publishers announce it. */
    private static final Pattern TRACK = Pattern.compile("(.*)/(?:trackID|streamid|stream)=(\\d{1,3})/?");

    /** Parses a request target; empty when it names nothing that could be served. */
    static Optional<RequestTarget> parse(String target) {
        String rawPath;
        if (RtspRequest.isAbsoluteRtspUrl(target)) {
            try {
                URI uri = new URI(target);
                rawPath = uri.getRawPath();
                if (rawPath == null || rawPath.isEmpty()) {
                    rawPath = "/";
                }
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        } else if (target.equals("*")) {
            return Optional.of(new RequestTarget("/", OptionalInt.empty()));
        } else {
            // the course's clients send a bare file name
            int query = target.indexOf('?');
            rawPath = "/" + (query >= 0 ? target.substring(0, query) : target);
        }
        Optional<String> decoded = decode(rawPath);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String path = decoded.get();
        OptionalInt track = OptionalInt.empty();
        Matcher m = TRACK.matcher(path);
        if (m.matches()) {
            path = m.group(1);
            track = OptionalInt.of(Integer.parseInt(m.group(2)));
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        if (!safe(path)) {
            return Optional.empty();
        }
        return Optional.of(new RequestTarget(path, track));
    }

    /** Percent-decoding as UTF-8; empty for a malformed escape or invalid UTF-8. */
    private static Optional<String> decode(String raw) {
        if (raw.length() > MAX_PATH * 3) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0xFF) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** No control characters, backslashes, empty, dot or dot-dot segments. */
    private static boolean safe(String path) {
        if (path.length() > MAX_PATH || !path.startsWith("/")) {
            return false;
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\')) {
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
