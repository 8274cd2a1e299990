package dev.rill.plugin.mjpeg;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassicJpegFormatTest {

    /**
     * One row of the shared table: a frame and the payload that carries it on the wire (empty
     * when the frame cannot be sent), run frame → payload and payload → frame.
     */
    record Case(String name, byte[] frame, Optional<byte[]> wire) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Payloaders are asked for 1,400-byte payloads; the classic format ignores that. */
    private static final int ASKED_PAYLOAD_SIZE = 1400;

    static Stream<Case> cases() {
        byte[] smallest = HexFormat.of().parseHex("FFD8FFD9");
        byte[] typical = jpeg(8188, 1);
        byte[] atLimit = jpeg(65_495, 2);
        return Stream.of(
                new Case("smallest JPEG, SOI and EOI only", smallest, Optional.of(smallest)),
                new Case("typical 8 KB frame, larger than the asked payload size", typical, Optional.of(typical)),
                new Case("frame of exactly 65,495 bytes, the datagram limit", atLimit, Optional.of(atLimit)),
                new Case("frame of 65,496 bytes, over the limit", jpeg(65_496, 3), Optional.empty()));
    }

    private static Payloader payloader() throws IOException {
        MjpegFileSource source = new MjpegFileSource(MjpegIndex.index("table.Mjpeg", container(jpeg(10, 0))), 20, false);
        return new ClassicJpegFormat().payloader(source, ASKED_PAYLOAD_SIZE);
    }

    private static byte[] bytes(PayloadFragment fragment) {
        byte[] out = new byte[fragment.size()];
        fragment.payload().duplicate().get(out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void payloaderSendsTheWholeFrameInOneUnmarkedFragment(Case c) throws IOException {
        List<PayloadFragment> fragments = payloader().payload(new Frame(7, c.frame().clone()));
        if (c.wire().isEmpty()) {
            assertEquals(List.of(), fragments);
            return;
        }
        assertEquals(1, fragments.size());
        assertFalse(fragments.getFirst().marker());
        assertArrayEquals(c.wire().get(), bytes(fragments.getFirst()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void depayloaderTakesEachPayloadAsTheWholeFrame(Case c) {
        if (c.wire().isEmpty()) {
            return; // nothing goes on the wire for this row
        }
        Depayloader depayloader = new ClassicJpegFormat().depayloader();
        Optional<ReceivedFrame> frame = depayloader.push(new RtpPacket(false, 26, 7, 350, 0xCAFEL, c.wire().get()));
        assertArrayEquals(c.frame(), frame.orElseThrow().data());
        assertEquals(350, frame.orElseThrow().timestamp());
        assertEquals(0, depayloader.framesDropped());
    }

    static Stream<byte[]> notWholeJpegs() {
        HexFormat hex = HexFormat.of();
        return Stream.of(new byte[0], hex.parseHex("FFD8"), hex.parseHex("FFD8D9"), hex.parseHex("FFD80000"),
                hex.parseHex("0000FFD9"), Arrays.copyOf(jpeg(100, 4), 102));
    }

    @ParameterizedTest
    @MethodSource("notWholeJpegs")
    void depayloaderDropsAndCountsPayloadsThatAreNotSoiToEoi(byte[] payload) {
        Depayloader depayloader = new ClassicJpegFormat().depayloader();
        assertEquals(Optional.empty(), depayloader.push(new RtpPacket(false, 26, 1, 0, 1, payload)));
        assertEquals(1, depayloader.framesDropped());
    }

    @Test
    void depayloaderKeepsCountingAcrossPackets() {
        Depayloader depayloader = new ClassicJpegFormat().depayloader();
        depayloader.push(new RtpPacket(false, 26, 1, 0, 1, new byte[3]));
        assertTrue(depayloader.push(new RtpPacket(false, 26, 2, 50, 1, jpeg(20, 5))).isPresent());
        depayloader.push(new RtpPacket(false, 26, 3, 100, 1, new byte[3]));
        assertEquals(2, depayloader.framesDropped());
    }

    @Test
    void fragmentSharesTheFrameBytesReadOnly() throws IOException {
        Frame frame = new Frame(0, jpeg(64, 6));
        ByteBuffer payload = payloader().payload(frame).getFirst().payload();
        assertTrue(payload.isReadOnly());
        assertEquals(0, payload.position());
    }

    @Test
    void formatIsPayloadType26WithAMillisecondClock() {
        ClassicJpegFormat format = new ClassicJpegFormat();
        assertEquals("JPEG-classic", format.name());
        assertEquals("JPEG", format.encoding());
        assertEquals(26, format.payloadType());
        assertEquals(1000, format.clockRate());
    }

    @Test
    void serviceLoaderFindsTheClassicFormat() {
        assertTrue(ServiceLoader.load(RtpPayloadFormat.class).stream()
                .anyMatch(p -> p.type() == ClassicJpegFormat.class && p.get().name().equals("JPEG-classic")));
    }
}
