package dev.rill.server.udp;

import dev.rill.spi.PayloadFragment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The native send path on Linux (release 22: found by {@link NativeUdp#load} by name). One per
 * server: its sockets share the note that GSO fell back, so that it is logged once.
 */
final class LinuxUdp implements NativeUdp {

    private final Libc libc;
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    LinuxUdp() {
        libc = new Libc();
    }

    /**
     * Tries both paths on a loopback socket that sends to itself: a plain {@code sendmmsg}, then
     * {@code UDP_SEGMENT} as a socket option (kernels before 4.18 answer {@code ENOPROTOOPT};
     * they would ignore the control message and send one long datagram) and as a control
     * message on a two-segment send.
     */
    @Override
    public Support probe() {
        NativeRtpSocket socket;
        try {
            socket = NativeRtpSocket.open(libc, InetAddress.getLoopbackAddress(), 0, false, 1 << 16, true, new AtomicBoolean(true));
        } catch (IOException | RuntimeException e) {
            return Support.none("cannot open a socket: " + e.getMessage());
        }
        try (socket) {
            InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.localPort());
            ByteBuffer headers = ByteBuffer.allocate(24);
            List<PayloadFragment> one = List.of(new PayloadFragment(ByteBuffer.allocateDirect(8), true));
            StringBuilder refused = new StringBuilder();
            socket.withoutGso();
            socket.queue(self, headers, one);
            socket.flush((frame, why) -> refused.append(why));
            if (!refused.isEmpty()) {
                return Support.none("sendmmsg: " + refused);
            }
            Optional<String> option = socket.segmentOption(8);
            if (option.isPresent()) {
                return new Support(Optional.empty(), option);
            }
            socket.withGso();
            List<PayloadFragment> two = List.of(new PayloadFragment(ByteBuffer.allocateDirect(8), false),
                    new PayloadFragment(ByteBuffer.allocateDirect(4), true));
            socket.queue(self, headers, two);
            socket.flush((frame, why) -> refused.append(why));
            if (!refused.isEmpty() || socket.path() != SendPath.GSO) {
                return new Support(Optional.empty(), Optional.of("UDP_SEGMENT send: "
                        + (refused.isEmpty() ? "refused" : refused)));
            }
            socket.drain(4);
            return new Support(Optional.empty(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return Support.none(e.toString());
        }
    }

    @Override
    public RtpSocket openRefusingGso(InetAddress host) throws IOException {
        NativeRtpSocket socket = NativeRtpSocket.open(libc, host, 0, false, 1 << 20, true, new AtomicBoolean(true));
        socket.checksumsOff();
        return socket;
    }

    @Override
    public RtpSocket open(InetAddress host, int port, boolean reusePort, int sendBuffer, boolean gso) throws IOException {
        return NativeRtpSocket.open(libc, host, port, reusePort, sendBuffer, gso, fallbackLogged);
    }
}
