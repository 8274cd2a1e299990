package dev.rill.plugin.mjpeg;

import java.util.List;
import java.util.Optional;

/**
 * Whether a JPEG can travel in RFC 2435 as it is. An RFC 2435 receiver rebuilds the JPEG headers
 * from the 8-byte main header alone (Appendix B), so the frame must be exactly what those headers
 * describe: Huffman-coded sequential DCT with 8-bit samples, three components Y, Cb, Cr in one
 * interleaved scan, Y sampled 2x1 (type 0, 4:2:2) or 2x2 (type 1, 4:2:0) and Cb, Cr 1x1, 8-bit
 * quantisation tables with Cb and Cr sharing one, the standard Huffman tables of T.81 K.3, and a
 * picture of at most 2040x2040.
 *
 * <p>A size that is not a multiple of 8 is carried as it is: the header says the size rounded up
 * to whole 8-pixel blocks, and that covers exactly the MCUs the scan codes (ceil(w/16) =
 * ceil(ceil(w/8)/2)), so the receiver decodes the same data and shows the encoder's edge padding,
 * at most 7 extra columns and rows. ffmpeg's RFC 2435 packetizer does the same. Re-encoding could
 * crop those pixels off instead, but it costs a generation of quality and CPU for every frame.
 */
final class Rfc2435Constraints {

    private Rfc2435Constraints() {
    }

    /** Why {@code image} cannot be carried as it is, or empty when it can. */
    static Optional<String> whyNot(JpegImage image) {
        if (!image.sequential() || image.samplePrecision() != 8) {
            String process = image.sequential() ? image.samplePrecision() + "-bit samples" : image.process() + " coding";
            return Optional.of(process + " (RFC 2435 carries 8-bit baseline JPEG only)");
        }
        List<JpegImage.Component> components = image.components();
        if (components.size() != 3) {
            return Optional.of(components.size() + (components.size() == 1 ? " component (greyscale)" : " components")
                    + " (RFC 2435 carries Y, Cb, Cr only)");
        }
        if (rgb(image)) {
            return Optional.of("RGB colour space (RFC 2435 carries YCbCr only)");
        }
        String sampling = image.chromaSubsampling();
        if (!sampling.equals("4:2:0") && !sampling.equals("4:2:2")) {
            return Optional.of(sampling + " chroma sampling (RFC 2435 carries only 4:2:0 and 4:2:2)");
        }
        JpegImage.Component y = components.get(0);
        JpegImage.Component cb = components.get(1);
        JpegImage.Component cr = components.get(2);
        if (cb.quantTableId() != cr.quantTableId()) {
            return Optional.of("three quantisation tables (RFC 2435 carries one for Y and one shared by Cb and Cr)");
        }
        if (image.quantTable(y.quantTableId()).orElseThrow().precision() != 8
                || image.quantTable(cb.quantTableId()).orElseThrow().precision() != 8) {
            return Optional.of("16-bit quantisation tables (RFC 2435 receivers build baseline JPEG, 8-bit tables)");
        }
        if (image.scans().size() != 1
                || !image.firstScan().componentIds().equals(List.of(y.id(), cb.id(), cr.id()))) {
            return Optional.of(image.scans().size() + " scan(s) not interleaving Y, Cb, Cr in frame order"
                    + " (RFC 2435 carries one interleaved scan)");
        }
        if (!image.standardHuffmanTables()) {
            return Optional.of("optimised Huffman tables (RFC 2435 receivers assume the standard tables of JPEG Annex K.3)");
        }
        if (blocks(image.width()) * 8 > Rfc2435Header.MAX_DIMENSION
                || blocks(image.height()) * 8 > Rfc2435Header.MAX_DIMENSION) {
            return Optional.of(image.width() + "x" + image.height() + " pixels (RFC 2435 describes at most "
                    + Rfc2435Header.MAX_DIMENSION + "x" + Rfc2435Header.MAX_DIMENSION + ")");
        }
        if (image.firstScan().length() > Rfc2435Header.MAX_FRAGMENT_OFFSET) {
            return Optional.of("a scan of " + image.firstScan().length()
                    + " bytes (RFC 2435 fragment offsets reach 16 MiB)");
        }
        return Optional.empty();
    }

    /** The RFC 2435 type of a carriable image: 0 for 4:2:2, 1 for 4:2:0, plus 64 with restart markers. */
    static int type(JpegImage image) {
        int base = image.components().getFirst().verticalSampling() == 2 ? 1 : 0;
        return base + (image.restartInterval() > 0 ? Rfc2435Header.TYPE_RESTART : 0);
    }

    /** Pixels rounded up to whole 8-pixel blocks. */
    static int blocks(int pixels) {
        return (pixels + 7) / 8;
    }

    /**
     * True when a three-component JPEG holds RGB, not YCbCr: an Adobe APP14 segment with
     * transform 0, or, without JFIF and Adobe segments, component ids 'R', 'G', 'B'. Otherwise
     * YCbCr, as libjpeg assumes.
     */
    static boolean rgb(JpegImage image) {
        if (image.components().size() != 3) {
            return false;
        }
        if (image.adobeTransform().isPresent()) {
            return image.adobeTransform().getAsInt() == 0;
        }
        List<JpegImage.Component> c = image.components();
        return !image.jfif() && c.get(0).id() == 'R' && c.get(1).id() == 'G' && c.get(2).id() == 'B';
    }
}
