package dev.rill.plugin.mjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * JPEGs from a camera or a file into {@link JpegParser}: a {@link JpegFormatException} or an image
 * whose tables and scans lie inside the bytes; and a JPEG {@link Rfc2435Constraints} accepts goes
 * through {@link Rfc2435Payloader#fragments} and {@link Rfc2435Depayloader} to a JPEG with the same
 * scan data. Seeds: {@link FuzzSeedWriter}.
 */
class JpegParserFuzzTest {

    /** Small payloads, so that a seed frame spans several packets. */
    private static final int MAX_PAYLOAD = 400;

    @FuzzTest
    void parse(byte[] input) {
        JpegImage image;
        try {
            image = JpegParser.parse(input);
        } catch (JpegFormatException refused) {
            return;
        }
        assertTrue(image.width() > 0 && image.height() > 0);
        assertTrue(image.components().size() >= 1 && image.components().size() <= JpegParser.MAX_COMPONENTS);
        assertTrue(image.scans().size() <= JpegParser.MAX_SCANS);
        for (JpegImage.Scan scan : image.scans()) {
            assertTrue(scan.offset() >= 0 && scan.length() >= 0 && scan.offset() + scan.length() <= input.length);
        }
        for (JpegImage.QuantTable table : image.quantTables().values()) {
            for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
                table.value(i);
            }
        }
        image.chromaSubsampling();
        image.toString();
        Rfc2435Constraints.whyNot(image);
    }

    @FuzzTest
    void carry(byte[] input) {
        JpegImage image;
        try {
            image = JpegParser.parse(input);
        } catch (JpegFormatException refused) {
            return;
        }
        if (Rfc2435Constraints.whyNot(image).isPresent()) {
            return;
        }
        List<PayloadFragment> fragments = new Rfc2435Payloader("fuzz", Rfc2435Payloader.MIN_PAYLOAD_SIZE + MAX_PAYLOAD)
                .fragments(image);
        Rfc2435Depayloader depayloader = new Rfc2435Depayloader();
        Optional<ReceivedFrame> out = Optional.empty();
        for (int i = 0; i < fragments.size(); i++) {
            PayloadFragment fragment = fragments.get(i);
            byte[] payload = new byte[fragment.size()];
            fragment.payload().get(0, payload);
            assertTrue(out.isEmpty(), "a frame before the last fragment");
            out = depayloader.push(new RtpPacket(fragment.marker(), RtpPacket.PAYLOAD_TYPE_JPEG, i, 3000, 1, payload));
        }
        assertTrue(out.isPresent(), "the depayloader dropped a frame the payloader made");
        JpegImage received;
        try {
            received = JpegParser.parse(out.get().data());
        } catch (JpegFormatException e) {
            fail("a carried frame no longer parses: " + e.getMessage());
            return;
        }
        assertEquals(image.scanData(), received.scanData());
        assertEquals(Rfc2435Constraints.blocks(image.width()), Rfc2435Constraints.blocks(received.width()));
        assertEquals(Rfc2435Constraints.type(image), Rfc2435Constraints.type(received));
        assertEquals(Optional.empty(), Rfc2435Constraints.whyNot(received));
    }
}
