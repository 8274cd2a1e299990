package dev.rill.server.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the server's RTP sockets on the send path chosen once at start-up from
 * {@code rtp.sendPath} and what the JVM and the kernel offer, and says which one runs.
 */
public final class RtpSockets {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSockets.class);

    private final SendPath path;
    private final Optional<NativeUdp> nativeUdp;

    private RtpSockets(SendPath path, Optional<NativeUdp> nativeUdp) {
        this.path = path;
        this.nativeUdp = nativeUdp;
    }

    /**
     * The send path for {@code wanted}, probed and logged once.
     *
     * @throws IOException when a native path is asked for and cannot run here, saying why
     */
    public static RtpSockets choose(SendPath wanted) throws IOException {
        if (wanted == SendPath.PORTABLE) {
            return chosen(SendPath.PORTABLE, Optional.empty(), "as configured");
        }
        StringBuilder why = new StringBuilder();
        Optional<NativeUdp> found = NativeUdp.load(why);
        NativeUdp.Support support = found.map(NativeUdp::probe).orElse(NativeUdp.Support.none(why.toString()));
        SendPath path = resolve(wanted, support);
        String reason = path == wanted ? "as configured"
                : path == SendPath.SENDMMSG ? "GSO refused: " + support.gsoRefused().orElse("?")
                : path == SendPath.PORTABLE ? "no native path: " + support.unavailable().orElse("?")
                : "the best here";
        return chosen(path, path == SendPath.PORTABLE ? Optional.empty() : found, reason);
    }

    /** The portable path, not logged: for tests and tools that need a socket and no choice. */
    public static RtpSockets portable() {
        return new RtpSockets(SendPath.PORTABLE, Optional.empty());
    }

    private static RtpSockets chosen(SendPath path, Optional<NativeUdp> nativeUdp, String reason) {
        LOG.info("RTP send path: {} ({})", describe(path), reason);
        return new RtpSockets(path, nativeUdp);
    }

    static String describe(SendPath path) {
        return switch (path) {
            case GSO -> "gso (sendmsg with UDP_SEGMENT, sendmmsg batches)";
            case SENDMMSG -> "sendmmsg (one datagram per message, sendmmsg batches)";
            case PORTABLE -> "portable (DatagramChannel, one send per packet)";
            case AUTO -> "auto";
        };
    }

    /**
     * The path that runs for {@code wanted} given {@code support}: {@code auto} takes the best
     * there is; a forced {@code gso} falls back to {@code sendmmsg} when only GSO is refused (an
     * older kernel); a forced native path where there is no native path at all is an error.
     */
    static SendPath resolve(SendPath wanted, NativeUdp.Support support) throws IOException {
        if (wanted == SendPath.PORTABLE) {
            return SendPath.PORTABLE;
        }
        if (support.unavailable().isPresent()) {
            if (wanted == SendPath.AUTO) {
                return SendPath.PORTABLE;
            }
            throw new IOException("rtp.sendPath \"" + wanted.key() + "\" cannot run here: the native send path "
                    + "is unavailable, it " + support.unavailable().get() + " (use \"auto\" or \"portable\")");
        }
        if (wanted == SendPath.SENDMMSG) {
            return SendPath.SENDMMSG;
        }
        return support.gsoRefused().isPresent() ? SendPath.SENDMMSG : SendPath.GSO;
    }

    /** The path the sockets are made for. */
    public SendPath path() {
        return path;
    }

    /** An RTP socket bound to {@code host:port} on this path. */
    public RtpSocket open(InetAddress host, int port, boolean reusePort, int sendBuffer) throws IOException {
        if (path == SendPath.PORTABLE) {
            return PortableRtpSocket.open(host, port, reusePort, sendBuffer);
        }
        return nativeUdp.orElseThrow().open(host, port, reusePort, sendBuffer, path == SendPath.GSO);
    }
}
