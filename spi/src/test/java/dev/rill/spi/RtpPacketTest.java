package dev.rill.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RTP packets (RFC 3550 §5.1) against literal wire bytes, both ways, and malformed input. */
class RtpPacketTest {

    private static final HexFormat HEX = HexFormat.of();

    record Case(String name, RtpPacket packet, String hex) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("plain JPEG packet with marker",
                        new RtpPacket(true, 26, 0x1234, 0x01020304L, 0xDEADBEEFL, new byte[] {(byte) 0xAA}),
                        "809a1234" + "01020304" + "deadbeef" + "aa"),
                new Case("no marker, empty payload",
                        new RtpPacket(false, 96, 0, 0, 0, new byte[0]),
                        "80600000" + "00000000" + "00000000"),
                new Case("maximum values",
                        new RtpPacket(true, 127, 0xFFFF, 0xFFFFFFFFL, 0xFFFFFFFFL, new byte[] {1, 2}),
                        "80ffffff" + "ffffffff" + "ffffffff" + "0102"),
                new Case("two CSRCs",
                        new RtpPacket(0, false, 26, 7, 90_000, 1, new long[] {0x11111111L, 0xFFFFFFFFL},
                                Optional.empty(), new byte[] {9}),
                        "821a0007" + "00015f90" + "00000001" + "11111111" + "ffffffff" + "09"),
                new Case("header extension of one word",
                        new RtpPacket(0, false, 26, 1, 2, 3, new long[0],
                                Optional.of(new RtpPacket.Extension(0xBEDE, new byte[] {1, 2, 3, 4})), new byte[] {5}),
                        "901a0001" + "00000002" + "00000003" + "bede0001" + "01020304" + "05"),
                new Case("empty header extension",
                        new RtpPacket(0, false, 26, 1, 2, 3, new long[0],
                                Optional.of(new RtpPacket.Extension(0x1000, new byte[0])), new byte[0]),
                        "901a0001" + "00000002" + "00000003" + "10000000"),
                new Case("three bytes of padding",
                        new RtpPacket(3, true, 26, 1, 2, 3, new long[0], Optional.empty(), new byte[] {7, 7}),
                        "a09a0001" + "00000002" + "00000003" + "0707" + "000003"),
                new Case("padding, 15 CSRCs and an extension together",
                        new RtpPacket(1, true, 0, 65535, 0, 0, new long[15],
                                Optional.of(new RtpPacket.Extension(0, new byte[4])), new byte[0]),
                        "bf80ffff" + "00000000" + "00000000" + "00000000".repeat(15) + "00000001" + "00000000" + "01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesToExactBytes(Case c) {
        assertEquals(c.hex(), HEX.formatHex(c.packet().encode()));
        assertEquals(c.hex().length() / 2, c.packet().length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesExactBytes(Case c) throws MalformedPacketException {
        byte[] wire = HEX.parseHex(c.hex());
        assertEquals(c.packet(), RtpPacket.decode(wire, 0, wire.length));
    }

    @Test
    void decodesAPacketInsideALargerArray() throws MalformedPacketException {
        byte[] wire = HEX.parseHex("ffff" + "a09a0001" + "00000002" + "00000003" + "0707" + "000003" + "eeee");
        RtpPacket packet = RtpPacket.decode(wire, 2, wire.length - 4);
        assertEquals(new RtpPacket(3, true, 26, 1, 2, 3, new long[0], Optional.empty(), new byte[] {7, 7}), packet);
    }

    @Test
    void writeHeaderWritesThePlainTwelveBytesOfEncode() {
        ByteBuffer out = ByteBuffer.allocate(RtpPacket.HEADER_LENGTH);
        RtpPacket.writeHeader(out, true, 26, 0xFFFF, 0xFFFFFFFFL, 0x12345678L);
        assertEquals("809affff" + "ffffffff" + "12345678", HEX.formatHex(out.array()));
        assertEquals(RtpPacket.HEADER_LENGTH, out.position());
    }

    static Stream<Arguments> malformed() {
        String header = "801a0001" + "00000002" + "00000003";
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("11 bytes", header.substring(0, 22)),
                Arguments.of("version 0", "001a0001" + "00000002" + "00000003"),
                Arguments.of("version 1", "401a0001" + "00000002" + "00000003"),
                Arguments.of("version 3", "c01a0001" + "00000002" + "00000003"),
                Arguments.of("padding bit and no byte after the header", "a01a0001" + "00000002" + "00000003"),
                Arguments.of("padding count 0", "a01a0001" + "00000002" + "00000003" + "0700"),
                Arguments.of("padding count beyond the payload", "a01a0001" + "00000002" + "00000003" + "0703"),
                Arguments.of("15 CSRCs announced, one present", "8f1a0001" + "00000002" + "00000003" + "00000004"),
                Arguments.of("extension bit and no extension header", "901a0001" + "00000002" + "00000003" + "bede"),
                Arguments.of("extension longer than the packet",
                        "901a0001" + "00000002" + "00000003" + "bede0002" + "01020304"),
                Arguments.of("CSRC then extension overrun",
                        "911a0001" + "00000002" + "00000003" + "00000009" + "bedeffff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedPacket(String name, String hex) {
        byte[] wire = HEX.parseHex(hex);
        assertThrows(MalformedPacketException.class, () -> RtpPacket.decode(wire, 0, wire.length));
    }

    @Test
    void rejectsOutOfRangeValuesWhenBuilt() {
        byte[] none = new byte[0];
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 128, 0, 0, 0, none));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 26, 0x10000, 0, 0, none));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 26, 0, 0x100000000L, 0, none));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 26, 0, 0, -1, none));
        assertThrows(IllegalArgumentException.class,
                () -> new RtpPacket(256, false, 26, 0, 0, 0, new long[0], Optional.empty(), none));
        assertThrows(IllegalArgumentException.class,
                () -> new RtpPacket(0, false, 26, 0, 0, 0, new long[16], Optional.empty(), none));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket.Extension(0, new byte[3]));
    }

    @Test
    void equalPacketsCompareTheirBytes() {
        RtpPacket a = new RtpPacket(true, 26, 1, 2, 3, new byte[] {1, 2});
        RtpPacket b = new RtpPacket(true, 26, 1, 2, 3, new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertArrayEquals(a.encode(), b.encode());
    }
}
