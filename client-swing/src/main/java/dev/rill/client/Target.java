package dev.rill.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to play: an {@code rtsp://} URL (the standard dialect), or the course's argument form
 * {@code server_host server_port rtp_port video_file} (the classic dialect, which also plays the
 * course's own servers). The course's Java client takes three arguments and always receives on
 * port 25000; that form is accepted too.
 *
 * @param classic true for the course's dialect
 * @param host    the server's host name or address (without IPv6 brackets)
 * @param port    the server's RTSP port
 * @param path    standard: the whole URL; classic: the bare file name the requests name
 * @param rtpPort classic: the UDP port to receive on, 0 for any free one; standard: 0
 */
record Target(boolean classic, String host, int port, String path, int rtpPort) {

    /** RFC 2326 §3.2: the default RTSP port. */
    static final int DEFAULT_RTSP_PORT = 554;
    /** The port the course's Java client always receives RTP on. */
    static final int COURSE_RTP_PORT = 25_000;

    Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no server host given");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("server port must be 1..65535: " + port);
        }
        if (rtpPort < 0 || rtpPort > 65_535) {
            throw new IllegalArgumentException("RTP port must be 0..65535: " + rtpPort);
        }
        if (path.isEmpty() || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("the video must be named without spaces: '" + path + "'");
        }
    }

    /**
     * The target of the command line's (or the URL field's) positional words: one URL, or the
     * course's three or four words.
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    static Target parse(List<String> words) {
        if (words.size() == 1) {
            return url(words.get(0));
        }
        if (words.size() == 3 || words.size() == 4) {
            String host = words.get(0);
            int port = number(words.get(1), "server_port");
            int rtpPort = words.size() == 4 ? number(words.get(2), "rtp_port") : COURSE_RTP_PORT;
            String file = words.get(words.size() - 1);
            return new Target(true, host, port, file, rtpPort);
        }
        throw new IllegalArgumentException("expected rtsp://host:port/path, or server_host server_port rtp_port"
                + " video_file; got " + words.size() + " words");
    }

    /** The target typed into the window's field: a URL, or the course's words separated by spaces. */
    static Target parse(String text) {
        return parse(List.of(text.strip().split("\\s+")));
    }

    /** A standard target from an {@code rtsp://} URL. */
    static Target url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp")) {
            throw new IllegalArgumentException("not an rtsp:// URL: '" + text + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host: '" + text + "'");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_RTSP_PORT : uri.getPort();
        return new Target(false, host, port, text, 0);
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number: '" + text + "'", e);
        }
    }

    /** How the target is shown: the URL, or the course's words. */
    String display() {
        return classic ? host + " " + port + " " + rtpPort + " " + path : path;
    }
}
