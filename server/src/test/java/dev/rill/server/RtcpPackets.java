package dev.rill.server;

import dev.rill.spi.MalformedPacketException;
import dev.rill.wire.RtcpPacket;

/** Looks into compound RTCP packets a test client received. */
final class RtcpPackets {

    private RtcpPackets() {
    }

    /** True when the compound packet holds a BYE. */
    static boolean hasBye(byte[] compound) {
        try {
            return RtcpPacket.decodeCompound(compound, 0, compound.length).stream()
                    .anyMatch(p -> p instanceof RtcpPacket.Bye);
        } catch (MalformedPacketException e) {
            return false;
        }
    }
}
