package dev.rill.server.udp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/** {@code struct sockaddr_in} (16 bytes) and {@code sockaddr_in6} (28 bytes) written into native memory. */
final class SocketAddresses {

    /** Room for either. */
    static final int MAX_LENGTH = 32;
    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SocketAddresses() {
    }

    /**
     * Writes {@code to} for a socket of {@code family} at {@code at}; returns its length, or -1
     * when the socket cannot reach it (an IPv6 peer on an IPv4 socket, an unresolved name).
     */
    static int write(MemorySegment at, int family, InetSocketAddress to) {
        InetAddress address = to.getAddress();
        if (address == null) {
            return -1;
        }
        at.asSlice(0, MAX_LENGTH).fill((byte) 0);
        at.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) family);
        at.set(NET_SHORT, 2, (short) to.getPort());
        byte[] raw = address.getAddress();
        if (family == Libc.AF_INET) {
            if (!(address instanceof Inet4Address)) {
                return -1;
            }
            MemorySegment.copy(raw, 0, at, ValueLayout.JAVA_BYTE, 4, 4);
            return 16;
        }
        if (address instanceof Inet4Address) {
            // An IPv4 peer of a dual-stack socket: ::ffff:a.b.c.d
            at.set(ValueLayout.JAVA_BYTE, 18, (byte) 0xFF);
            at.set(ValueLayout.JAVA_BYTE, 19, (byte) 0xFF);
            MemorySegment.copy(raw, 0, at, ValueLayout.JAVA_BYTE, 20, 4);
        } else {
            MemorySegment.copy(raw, 0, at, ValueLayout.JAVA_BYTE, 8, 16);
            at.set(ValueLayout.JAVA_INT_UNALIGNED, 24, ((Inet6Address) address).getScopeId());
        }
        return 28;
    }

    /** The port of a {@code sockaddr_in} or {@code sockaddr_in6}. */
    static int port(MemorySegment at) {
        return Short.toUnsignedInt(at.get(NET_SHORT, 2));
    }
}
