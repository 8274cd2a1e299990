package dev.rill.server.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The native send path's entry: implemented by {@code LinuxUdp}, which exists only in the jar's
 * {@code META-INF/versions/22} (compiled for release 22, where java.lang.foreign is final) and is
 * looked up by name only on a JVM of 22 or newer. On Java 21 there is none.
 */
interface NativeUdp {

    /** The class of release 22, never referenced at compile time. */
    String IMPLEMENTATION = "dev.rill.server.udp.LinuxUdp";

    /** What the kernel offers, found once by trying it on a loopback socket. */
    Support probe();

    /**
     * A socket bound to {@code host:port}.
     *
     * @param gso whether frames go out with {@code UDP_SEGMENT}; false: one datagram per message
     */
    RtpSocket open(InetAddress host, int port, boolean reusePort, int sendBuffer, boolean gso) throws IOException;

    /**
     * For tests: a GSO socket on loopback with UDP checksums off ({@code SO_NO_CHECK}), on which
     * the kernel refuses every {@code UDP_SEGMENT} send ({@code EINVAL}), as an old driver or a
     * route that cannot segment would: the socket must fall back to plain datagrams.
     */
    RtpSocket openRefusingGso(InetAddress host) throws IOException;

    /**
     * What the native path can do here.
     *
     * @param unavailable why the native path cannot run at all (JVM too old, not Linux); empty when it can
     * @param gsoRefused  why the kernel refused {@code UDP_SEGMENT}; empty when it takes it
     */
    record Support(Optional<String> unavailable, Optional<String> gsoRefused) {

        static Support none(String why) {
            return new Support(Optional.of(why), Optional.of(why));
        }
    }

    /** The implementation, when this JVM has the API and the OS is one it knows. */
    static Optional<NativeUdp> load(StringBuilder why) {
        if (Runtime.version().feature() < 22) {
            why.append("needs Java 22 or newer (java.lang.foreign); this is Java ").append(Runtime.version().feature());
            return Optional.empty();
        }
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            why.append("needs Linux on amd64 or aarch64; this is ").append(os).append(' ').append(arch);
            return Optional.empty();
        }
        try {
            return Optional.of((NativeUdp) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            why.append("needs its release-22 classes, which are missing or cannot load (").append(e).append(')');
            return Optional.empty();
        }
    }
}
