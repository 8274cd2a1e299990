package dev.rill.plugin.mjpeg;

import dev.rill.spi.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Rfc2435HeaderTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] write(Rfc2435Header header) {
        ByteBuffer out = ByteBuffer.allocate(header.length());
        header.writeTo(out);
        assertEquals(header.length(), out.position());
        return out.array();
    }

    @Test
    void mainHeaderHasTheLiteralLayoutOfSection3_1() throws Exception {
        // offset 0x012345, type 1, Q 255, 320x240 -> 40x30 blocks
        Rfc2435Header header = Rfc2435Header.of(0x012345, 1, 255, 320, 240, 0);
        byte[] wire = hex("00012345 01FF281E");

        assertArrayEquals(wire, write(header));
        assertEquals(header, Rfc2435Header.read(ByteBuffer.wrap(wire)));
    }

    @Test
    void restartTypesAddTheRestartMarkerHeaderWithUnalignedIntervals() throws Exception {
        Rfc2435Header header = Rfc2435Header.of(0, 65, 255, 2040, 8, 0x1234);
        byte[] wire = hex("00000000 41FFFF01 1234FFFF");

        assertArrayEquals(wire, write(header));
        Rfc2435Header read = Rfc2435Header.read(ByteBuffer.wrap(wire));
        assertEquals(header, read);
        assertEquals(0x1234, read.restartInterval());
        assertEquals(true, read.firstRestart());
        assertEquals(true, read.lastRestart());
        assertEquals(0x3FFF, read.restartCount());
    }

    @Test
    void readKeepsTypeSpecificAndRestartFlagsAsSent() throws Exception {
        Rfc2435Header read = Rfc2435Header.read(ByteBuffer.wrap(hex("01FFFFFF 40320101 00084005")));

        assertEquals(1, read.typeSpecific());
        assertEquals(0xFFFFFF, read.fragmentOffset());
        assertEquals(50, read.q());
        assertEquals(8, read.width());
        assertEquals(false, read.firstRestart());
        assertEquals(true, read.lastRestart());
        assertEquals(5, read.restartCount());
    }

    @Test
    void readRejectsShortPayloadsAndZeroSizes() {
        assertThrows(MalformedPacketException.class, () -> Rfc2435Header.read(ByteBuffer.wrap(hex("00000000 01FF28"))));
        assertThrows(MalformedPacketException.class, () -> Rfc2435Header.read(ByteBuffer.wrap(hex("00000000 40FF281E 0001"))));
        assertThrows(MalformedPacketException.class, () -> Rfc2435Header.read(ByteBuffer.wrap(hex("00000000 01FF001E"))));
    }

    @Test
    void constructorRejectsValuesTheHeaderCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Rfc2435Header.of(1 << 24, 1, 255, 320, 240, 0));
        assertThrows(IllegalArgumentException.class, () -> Rfc2435Header.of(0, 1, 255, 2048, 240, 0));
        assertThrows(IllegalArgumentException.class, () -> Rfc2435Header.of(0, 1, 255, 100, 240, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Rfc2435Header(0, 0, 1, 255, 320, 240, 4, true, true, 0x3FFF));
    }
}
