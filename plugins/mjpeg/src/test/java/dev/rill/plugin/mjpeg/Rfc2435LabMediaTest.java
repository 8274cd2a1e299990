package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's media (generated, and the shared files when present: see {@link LabClips}) through payloader and depayloader. */
class Rfc2435LabMediaTest {

    private static final int MAX_PAYLOAD = 1400 - RtpPacket.HEADER_LENGTH;

    private static byte[] roundTrip(Rfc2435Payloader payloader, Rfc2435Depayloader depayloader, int index, byte[] jpeg) {
        List<PayloadFragment> fragments = payloader.payload(new Frame(index, jpeg));
        assertTrue(!fragments.isEmpty(), "frame " + index + " not sent");
        Optional<ReceivedFrame> frame = Optional.empty();
        for (int i = 0; i < fragments.size(); i++) {
            PayloadFragment fragment = fragments.get(i);
            assertTrue(fragment.size() <= MAX_PAYLOAD);
            assertEquals(i == fragments.size() - 1, fragment.marker());
            frame = depayloader.push(new RtpPacket(fragment.marker(), 26, i, index * 4500L, 1,
                    JpegTestBytes.bytes(fragment.payload())));
        }
        return frame.orElseThrow().data();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#classicFrames")
    void classicFramesAreReencodedTo420AndStayCloseToTheOriginal(LabClips.Clip classic) throws Exception {
        List<byte[]> frames = classic.frames();
        Rfc2435Payloader payloader = new Rfc2435Payloader("classic-frames.Mjpeg", MAX_PAYLOAD);
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();

        for (int i = 0; i < frames.size(); i++) {
            JpegImage source = JpegParser.parse(frames.get(i));
            assertEquals("4:4:4", source.chromaSubsampling());

            BufferedImage received = JpegTestImages.decode(roundTrip(payloader, depayloader, i, frames.get(i)));

            assertEquals(384, received.getWidth());
            assertEquals(288, received.getHeight());
            double difference = JpegTestImages.meanAbsoluteDifference(JpegDecoder.decode(source), received);
            assertTrue(difference < 3, "frame " + i + ": mean absolute difference " + difference);
        }
        assertEquals(frames.size(), payloader.cachedFrames());
        assertEquals(0, depayloader.framesDropped());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#movies")
    void movieFramesAre420AndTravelUnchanged(LabClips.Clip movie) throws Exception {
        List<byte[]> frames = movie.frames();
        Rfc2435Payloader payloader = new Rfc2435Payloader("movie.Mjpeg", MAX_PAYLOAD);
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();

        int step = Math.max(1, frames.size() / 25); // some 25 frames: every 23rd of the shared 577
        for (int i = 0; i < frames.size(); i += step) {
            byte[] received = roundTrip(payloader, depayloader, i, frames.get(i));

            JpegImage original = JpegParser.parse(frames.get(i));
            assertTrue(Rfc2435Constraints.whyNot(original).isEmpty());
            assertEquals(original.scanData(), JpegParser.parse(received).scanData());
            assertTrue(JpegTestImages.samePixels(JpegTestImages.decode(frames.get(i)), JpegTestImages.decode(received)),
                    "frame " + i);
        }
        assertEquals(0, payloader.cachedFrames());
    }
}
