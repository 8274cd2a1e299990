package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.spi.MalformedPacketException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {

    /** Found by RtcpPacketFuzzTest: an APP packet with 2 bytes of padding left a 10-byte body that encode() refused. */
    @Test
    void paddedPacketOfAnotherTypeReencodesWithPadding() throws MalformedPacketException {
        byte[] app = {(byte) 0xA0, (byte) 204, 0, 3, 1, 2, 3, 4, 'n', 'a', 'm', 'e', 0, 0, 0, 2};
        RtcpPacket.Other decoded = (RtcpPacket.Other) RtcpPacket.decodeCompound(app, 0, app.length).getFirst();
        assertEquals(10, decoded.body().length);

        byte[] encoded = RtcpPacket.encodeCompound(List.of(decoded));

        assertEquals(app.length, encoded.length);
        RtcpPacket.Other again = (RtcpPacket.Other) RtcpPacket.decodeCompound(encoded, 0, encoded.length).getFirst();
        assertArrayEquals(decoded.body(), again.body());
    }
}
