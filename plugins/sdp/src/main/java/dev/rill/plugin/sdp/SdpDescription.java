package dev.rill.plugin.sdp;

import dev.rill.spi.LiveSource;
import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.StoredSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.zip.CRC32;

/**
 * The session description (RFC 4566) of one mount: one video stream, aggregate control
 * {@code *}, the track as {@code trackID=0} relative to the Content-Base.
 *
 * <p>Lines come in the order RFC 4566 §5 requires (v o s i c t a*, then m and its a*), each
 * ended by CRLF; the text is UTF-8, the SDP default charset (RFC 4566 §6, {@code a=charset}).
 *
 * <p>No {@code a=x-dimensions}: the only thing it adds is a size beyond RFC 2435's 2040×2040,
 * and the JPEG payloader scales such frames down before sending, so the source's own size would
 * not be the size received (and ffmpeg and GStreamer ignore the attribute). The picture size
 * travels in-band, in each frame's JPEG or RFC 2435 header.
 */
final class SdpDescription {

    private static final String CRLF = "\r\n";

    private final long sessionId;
    private final long version;
    private final boolean ipv6;
    private final String serverAddress;
    private final String name;
    private final String info;
    private final Optional<Duration> duration;
    private final RtpPayloadFormat format;
    private final OptionalDouble frameRate;

    private SdpDescription(Mount mount, InetSocketAddress local, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("SDP session version must be >= 0: " + version);
        }
        MediaSource source = mount.source();
        OptionalDouble fps = source.nominalFrameRate();
        if (fps.isPresent() && !(Double.isFinite(fps.getAsDouble()) && fps.getAsDouble() > 0)) {
            throw new IllegalArgumentException("frame rate of " + mount.path() + " must be a positive number: "
                    + fps.getAsDouble());
        }
        RtpPayloadFormat fmt = mount.format();
        if (fmt.payloadType() < 0 || fmt.payloadType() > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0..127: " + fmt.payloadType());
        }
        if (fmt.clockRate() <= 0) {
            throw new IllegalArgumentException("RTP clock rate must be > 0 Hz: " + fmt.clockRate());
        }
        if (fmt.encoding().isEmpty() || !fmt.encoding().chars().allMatch(c -> c > 32 && c < 127 && c != '/')) {
            throw new IllegalArgumentException("RTP encoding name must be a token without '/': '" + fmt.encoding() + "'");
        }
        this.sessionId = sessionId(mount.path());
        this.version = version;
        InetAddress address = local.getAddress();
        this.ipv6 = address instanceof Inet6Address
                || (address == null && local.getHostString().indexOf(':') >= 0);
        this.serverAddress = address == null ? local.getHostString() : withoutScope(address.getHostAddress());
        this.name = oneLine(mount.path());
        this.info = oneLine("Rill: " + source.describe());
        this.duration = switch (source) {
            case StoredSource stored -> Optional.of(stored.duration());
            case LiveSource live -> Optional.empty();
            default -> throw new IllegalArgumentException("source of " + mount.path() + " is neither stored nor live: "
                    + source.describe());
        };
        this.format = fmt;
        this.frameRate = fps;
    }

    /**
     * The description of {@code mount} as served on the connection whose local end is
     * {@code local} (the origin's address, RFC 4566 §5.2).
     *
     * @param version the {@code o=} session version; it must grow whenever what is described
     *                changes (RFC 4566 §5.2)
     * @throws IllegalArgumentException when the mount's source or format has a value SDP cannot carry
     */
    static SdpDescription of(Mount mount, InetSocketAddress local, long version) {
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(local, "local");
        return new SdpDescription(mount, local, version);
    }

    /** The SDP text, CRLF line ends. */
    String render() {
        String addrType = ipv6 ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder(384);
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN " + addrType + " " + serverAddress);
        line(sdp, "s=" + name);
        line(sdp, "i=" + info);
        // Unicast: the destination is chosen per session in SETUP; 0.0.0.0 / :: say "no address here".
        line(sdp, "c=IN " + addrType + " " + (ipv6 ? "::" : "0.0.0.0"));
        line(sdp, "t=0 0");
        line(sdp, "a=tool:Rill");
        line(sdp, "a=type:broadcast");
        line(sdp, "a=control:*");
        line(sdp, "a=range:" + range());
        line(sdp, "m=video 0 RTP/AVP " + format.payloadType());
        line(sdp, "a=rtpmap:" + format.payloadType() + " " + format.encoding() + "/" + format.clockRate());
        // RFC 4566 §6: a=framerate is the maximum rate; a source whose rate varies gives none.
        frameRate.ifPresent(fps -> line(sdp, "a=framerate:" + decimal(fps)));
        line(sdp, "a=control:trackID=0");
        return sdp.toString();
    }

    /** {@link #render()} as UTF-8 bytes. */
    byte[] bytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 2326 §C.1.5: {@code npt=0-<length>} for a stored source, {@code npt=now-} for a live one. */
    private String range() {
        return duration.map(d -> "npt=0-" + seconds(d)).orElse("npt=now-");
    }

    /**
     * Seconds with three decimals, truncated to the millisecond like the Range values the
     * server writes (so the end advertised here is never past the last frame).
     */
    private static String seconds(Duration d) {
        return d.getSeconds() + "." + String.format(Locale.ROOT, "%03d", d.toMillisPart());
    }

    /** A whole number without decimals, else at most three, always with '.'. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A stable number for the mount (the CRC-32 of its path), so one mount keeps one sess-id. */
    private static long sessionId(String path) {
        CRC32 crc = new CRC32();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** An IPv6 zone ({@code %eth0}) has no place in SDP's unicast-address. */
    private static String withoutScope(String hostAddress) {
        int percent = hostAddress.indexOf('%');
        return percent < 0 ? hostAddress : hostAddress.substring(0, percent);
    }

    /** Control characters would end or corrupt an SDP line. */
    private static String oneLine(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.isEmpty() ? "-" : clean;
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
