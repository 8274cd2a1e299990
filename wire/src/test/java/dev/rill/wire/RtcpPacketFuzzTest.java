package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.MalformedPacketException;
import java.util.List;

/**
 * Compound RTCP packets (RFC 3550 §6.1) as the server's RTCP port, the client and rtsp-pull
 * receive them: only {@link MalformedPacketException} may come out, no packet claims more bytes
 * than it came in, and what decodes re-encodes to packets that decode the same.
 */
class RtcpPacketFuzzTest {

    @FuzzTest
    void decodeCompound(byte[] input) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.decodeCompound(input, 0, input.length);
        } catch (MalformedPacketException refused) {
            return;
        }
        assertTrue(packets.size() <= input.length / 4, "more packets than 4-byte headers");
        byte[] encoded = RtcpPacket.encodeCompound(packets);
        List<RtcpPacket> again;
        try {
            again = RtcpPacket.decodeCompound(encoded, 0, encoded.length);
        } catch (MalformedPacketException e) {
            throw new AssertionError("re-encoded packets refused: " + e.getMessage(), e);
        }
        assertEquals(packets.size(), again.size());
        for (int i = 0; i < packets.size(); i++) {
            same(packets.get(i), again.get(i));
        }
    }

    private static void same(RtcpPacket first, RtcpPacket second) {
        switch (first) {
            case RtcpPacket.Other o when second instanceof RtcpPacket.Other p -> {
                assertEquals(o.count(), p.count());
                assertEquals(o.packetType(), p.packetType());
                assertArrayEquals(o.body(), p.body());
            }
            case RtcpPacket.Bye b when second instanceof RtcpPacket.Bye c ->
                    assertEquals(b.ssrcs(), c.ssrcs()); // the reason is text, re-encoded as UTF-8
            default -> assertEquals(first, second);
        }
    }
}
