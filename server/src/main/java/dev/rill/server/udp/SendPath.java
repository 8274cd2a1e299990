package dev.rill.server.udp;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How RTP datagrams leave: the config's {@code rtp.sendPath}. */
public enum SendPath {
    /** The best the JVM and the kernel offer: {@link #GSO}, else {@link #SENDMMSG}, else {@link #PORTABLE}. */
    AUTO("auto"),
    /**
     * Linux through java.lang.foreign: one {@code sendmsg} per frame carrying a {@code UDP_SEGMENT}
     * control message (udp(7), generic segmentation offload: the kernel cuts the buffer into
     * datagrams), many sessions' frames per {@code sendmmsg(2)}.
     */
    GSO("gso"),
    /** Linux through java.lang.foreign: one datagram per message, many per {@code sendmmsg(2)}. */
    SENDMMSG("sendmmsg"),
    /** {@code DatagramChannel.send}, one call per packet: any JVM, any OS. */
    PORTABLE("portable");

    private final String key;

    SendPath(String key) {
        this.key = key;
    }

    /** The value as written in the config. */
    public String key() {
        return key;
    }

    /** The path a config value names; an unknown value is an error that lists the known ones. */
    public static SendPath of(String key) {
        for (SendPath p : values()) {
            if (p.key.equals(key.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("sendPath must be one of "
                + Arrays.stream(values()).map(p -> "\"" + p.key + "\"").collect(Collectors.joining(", ")) + ": " + key);
    }

    /** True for the paths that need the native (java.lang.foreign, Linux) code. */
    public boolean isNative() {
        return this == GSO || this == SENDMMSG;
    }
}
