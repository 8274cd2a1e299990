package dev.rill.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The RTP header parsing a publisher's packets go through ({@code Publisher.rtp}, before any
 * depayloader): only {@link MalformedPacketException} may come out, the parts never add up to
 * more than the packet, and a decoded packet encodes to bytes that decode to the same packet.
 * Here rather than in {@code spi}, which has no test dependencies.
 */
class RtpPacketFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(input, 0, input.length);
        } catch (MalformedPacketException refused) {
            return;
        }
        assertEquals(input.length, packet.length(), "decoded parts do not add up to the packet");
        byte[] encoded = packet.encode();
        try {
            assertEquals(packet, RtpPacket.decode(encoded, 0, encoded.length));
        } catch (MalformedPacketException e) {
            throw new AssertionError("re-encoded packet refused: " + e.getMessage(), e);
        }
        assertTrue(packet.payloadType() >= 0 && packet.payloadType() <= 127);
    }
}
