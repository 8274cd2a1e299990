package dev.rill.server.tcp;

import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether interleaved media may leave by {@link DirectSend}, chosen once at start-up and logged.
 * Without it every frame is handed to the connection's writer thread: a wake-up per frame per
 * connection, which at a thousand TCP viewers costs more than the send itself.
 */
public final class TcpSends {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSends.class);

    private final Optional<NativeTcp> nativeTcp;

    private TcpSends(Optional<NativeTcp> nativeTcp) {
        this.nativeTcp = nativeTcp;
    }

    /**
     * @param nativeUdp whether the native UDP path runs (its checks, JVM 22+ on Linux, are this
     *                  one's too; with "portable" the server stays off native code altogether)
     */
    public static TcpSends choose(boolean nativeUdp) {
        if (!nativeUdp) {
            LOG.info("interleaved RTP: through each connection's writer thread (the RTP send path is portable)");
            return none();
        }
        StringBuilder why = new StringBuilder();
        Optional<NativeTcp> found = NativeTcp.load(why);
        Optional<String> unavailable = found.isEmpty() ? Optional.of(why.toString()) : found.get().unavailable();
        if (unavailable.isPresent()) {
            LOG.info("interleaved RTP: through each connection's writer thread (no direct send: {})", unavailable.get());
            return none();
        }
        LOG.info("interleaved RTP: sent by the sender threads with non-blocking send(2), the writer thread takes what the socket cannot");
        return new TcpSends(found);
    }

    /** No direct sends: for tests, and connections without a channel (TLS). */
    public static TcpSends none() {
        return new TcpSends(Optional.empty());
    }

    /** A direct send for a plain connection's channel, when direct sends run here. */
    public Optional<DirectSend> of(SocketChannel channel) {
        return nativeTcp.map(n -> n.of(channel));
    }
}
