package dev.rill.plugin.sdp;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Content-Base of a DESCRIBE response (RFC 2326 §12.11): the aggregate URL with exactly one
 * trailing slash, so that the SDP's relative {@code a=control:trackID=0} resolves to
 * {@code <base>trackID=0} (RFC 3986 §5.2) and not to a sibling of the mount.
 */
final class ContentBase {

    /** A track suffix as the server strips it before resolving the mount. */
    private static final Pattern TRACK_SUFFIX = Pattern.compile("/trackID=\\d{1,3}$");

    /** Path characters kept as they are: RFC 3986 unreserved, sub-delims, ':', '@' and '/'. */
    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";

    private ContentBase() {
    }

    /**
     * The base for {@code request}, which names {@code mount}. An absolute rtsp:// target keeps
     * the client's own spelling (host, port, escapes), less any query, fragment, trailing slashes
     * and track suffix. Any other target (the course's bare file names, {@code *}) becomes
     * {@code rtsp://<local address>:<local port><mount path>/}.
     */
    static String of(RtspRequest request, Mount mount, InetSocketAddress local) {
        return request.hasAbsoluteTarget() ? fromUrl(request.target()) : fromMount(mount, local);
    }

    private static String fromUrl(String url) {
        int authority = url.indexOf("://") + 3;
        int pathStart = indexOfAny(url, "/?#", authority);
        if (pathStart < 0) {
            return url + "/";
        }
        int pathEnd = indexOfAny(url, "?#", pathStart);
        String base = url.substring(0, pathEnd < 0 ? url.length() : pathEnd);
        base = stripSlashes(base, authority);
        base = TRACK_SUFFIX.matcher(base).replaceFirst("");
        return stripSlashes(base, authority) + "/";
    }

    private static String fromMount(Mount mount, InetSocketAddress local) {
        String path = encodePath(mount.path());
        String base = "rtsp://" + host(local) + ":" + local.getPort() + path;
        return stripSlashes(base, "rtsp://".length()) + "/";
    }

    /** The host part of a URL for {@code local}: an IPv6 literal in brackets (RFC 3986 §3.2.2). */
    private static String host(InetSocketAddress local) {
        InetAddress address = local.getAddress();
        if (address == null) {
            String name = local.getHostString();
            return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
        }
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            // A zone id is written %25<zone> inside the brackets (RFC 6874).
            return "[" + text.replace("%", "%25") + "]";
        }
        return text;
    }

    /** Percent-encodes (as UTF-8) everything but the characters a path may carry as they are. */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 128 && PATH_SAFE.indexOf(c) >= 0);
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** {@code url} less trailing slashes, never cutting into the authority that ends at {@code authority}. */
    private static String stripSlashes(String url, int authority) {
        int end = url.length();
        while (end > authority && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
