package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.plugins.jpeg.JPEGQTable;
import java.awt.image.BufferedImage;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegNormaliserTest {

    /**
     * @param name   what RFC 2435 cannot carry
     * @param jpeg   such a frame
     * @param reason what {@link Rfc2435Constraints} must say about it
     */
    record Case(String name, byte[] jpeg, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> uncarriable() {
        byte[] baseline = Spec.of(96, 64).encode();
        return Stream.of(
                new Case("4:4:4", Spec.of(96, 64).sampling(1, 1).encode(), "4:4:4 chroma sampling"),
                new Case("4:1:1", Spec.of(96, 64).sampling(4, 1).encode(), "4:1:1 chroma sampling"),
                new Case("4:4:0", Spec.of(96, 64).sampling(1, 2).encode(), "4:4:0 chroma sampling"),
                new Case("greyscale", Spec.of(96, 64).greyscale().encode(), "1 component (greyscale)"),
                new Case("CMYK", JpegTestImages.cmyk(96, 64), "4 components"),
                new Case("progressive", Spec.of(96, 64).progressiveCoding().encode(), "progressive coding"),
                new Case("optimised Huffman tables", Spec.of(96, 64).optimisedHuffman().encode(), "optimised Huffman"),
                new Case("16-bit quantisation tables", JpegTestBytes.sixteenBitTables(baseline), "16-bit quantisation"),
                new Case("three quantisation tables", JpegTestBytes.withThirdQuantTable(baseline), "three quantisation"),
                new Case("wider than 2040", Spec.of(2400, 64).encode(), "2400x64 pixels"),
                new Case("4:4:4 without JFIF, ids 0, 1, 2",
                        JpegTestBytes.classicStyle(Spec.of(96, 64).sampling(1, 1).encode()), "4:4:4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncarriable")
    void constraintsNameWhyTheFrameCannotBeCarried(Case c) throws Exception {
        String reason = Rfc2435Constraints.whyNot(JpegParser.parse(c.jpeg())).orElseThrow();

        assertTrue(reason.startsWith(c.reason()), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncarriable")
    void normalisedFrameIsCarriableAndShowsTheSamePicture(Case c) throws Exception {
        JpegImage source = JpegParser.parse(c.jpeg());

        JpegImage normalised = JpegParser.parse(JpegNormaliser.normalise(source));

        assertEquals(java.util.Optional.empty(), Rfc2435Constraints.whyNot(normalised));
        assertEquals("4:2:0", normalised.chromaSubsampling());
        assertEquals(2, normalised.quantTables().size());
        BufferedImage before = JpegNormaliser.scaleToFit(JpegDecoder.decode(source), Rfc2435Header.MAX_DIMENSION);
        BufferedImage after = JpegDecoder.decode(normalised);
        assertEquals(before.getWidth(), after.getWidth());
        assertEquals(before.getHeight(), after.getHeight());
        double difference = JpegTestImages.meanAbsoluteDifference(before, after);
        assertTrue(difference < 4, "mean absolute difference " + difference);
    }

    @Test
    void carriableFramesNeedNoNormalisation() throws Exception {
        assertTrue(Rfc2435Constraints.whyNot(JpegParser.parse(Spec.of(96, 64).encode())).isEmpty());
        assertTrue(Rfc2435Constraints.whyNot(JpegParser.parse(Spec.of(96, 64).sampling(2, 1).encode())).isEmpty());
        assertTrue(Rfc2435Constraints.whyNot(JpegParser.parse(Spec.of(100, 75).restart(3).encode())).isEmpty());
        assertTrue(Rfc2435Constraints.whyNot(JpegParser.parse(Spec.of(2040, 16).encode())).isEmpty());
    }

    /**
     * Bug found writing the normaliser's fuzz target: a JPEG of a few hundred bytes whose SOF
     * states 20000x20000 made ImageIO decode the whole raster (1.2 GB of samples, then 1.6 GB of
     * RGB): 49 s of one core per such frame from a camera.
     */
    @Test
    void aStatedSizeOverTheDecodeLimitIsRefusedBeforeDecoding() throws Exception {
        JpegImage huge = JpegParser.parse(JpegTestBytes.withSize(Spec.of(16, 16).sampling(1, 1).encode(), 20000, 20000));

        JpegFormatException refused = assertThrows(JpegFormatException.class, () -> JpegNormaliser.normalise(huge));
        assertTrue(refused.getMessage().contains("20000x20000"), refused.getMessage());
    }

    @Test
    void largePicturesAreScaledToFit2040KeepingTheAspectRatio() {
        BufferedImage scaled = JpegNormaliser.scaleToFit(new BufferedImage(4096, 2304, BufferedImage.TYPE_INT_RGB), 2040);

        assertEquals(2040, scaled.getWidth());
        assertEquals(1148, scaled.getHeight()); // 2304 * 2040 / 4096 = 1147.5
        BufferedImage tall = JpegNormaliser.scaleToFit(new BufferedImage(100, 5000, BufferedImage.TYPE_INT_RGB), 2040);
        assertEquals(41, tall.getWidth());
        assertEquals(2040, tall.getHeight());
    }

    @Test
    void coarseSourceGetsQuality85Tables() throws Exception {
        JPEGQTable[] tables = JpegNormaliser.quantTables(JpegParser.parse(Spec.of(64, 48).quality(0.5f).encode()));
        Rfc2435QuantTables q85 = Rfc2435QuantTables.forQ(JpegNormaliser.QUALITY_FLOOR);

        for (int i = 0; i < 64; i++) {
            assertEquals(q85.luminance(i), tables[0].getTable()[JpegTables.naturalIndex(i)]);
            assertEquals(q85.chrominance(i), tables[1].getTable()[JpegTables.naturalIndex(i)]);
        }
    }

    @Test
    void fineSourceKeepsItsOwnTables() throws Exception {
        JpegImage source = JpegParser.parse(Spec.of(64, 48).quality(0.95f).sampling(1, 1).encode());
        JPEGQTable[] tables = JpegNormaliser.quantTables(source);

        int[] luma = new int[64];
        for (int i = 0; i < 64; i++) {
            luma[JpegTables.naturalIndex(i)] = source.quantTable(0).orElseThrow().value(i);
        }
        assertArrayEquals(luma, tables[0].getTable());
    }

    @Test
    void decoderTakesThreeComponentsWithoutJfifAsYCbCrLikeLibjpeg() throws Exception {
        BufferedImage picture = JpegTestImages.smooth(96, 64);
        byte[] classic = JpegTestBytes.classicStyle(JpegTestImages.encode(picture, Spec.of(96, 64).sampling(1, 1)));

        BufferedImage decoded = JpegDecoder.decode(JpegParser.parse(classic));

        // ImageIO.read would take ids 0, 1, 2 for RGB and give false colours (a difference of about 60)
        double difference = JpegTestImages.meanAbsoluteDifference(picture, decoded);
        assertTrue(difference < 3, "mean absolute difference " + difference);
    }
}
