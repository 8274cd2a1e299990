package dev.rill.plugin.mjpeg;

import dev.rill.plugin.mjpeg.JpegTestImages.Spec;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the seed corpora of this package's fuzz targets into
 * {@code src/test/resources/dev/rill/plugin/mjpeg/<Target>Inputs/<method>/}: small JPEGs from
 * {@link JpegTestImages} (ImageIO) in the forms cameras and files take, and the RTP payloads
 * {@link Rfc2435Payloader} makes of them. The files are committed; run this again after changing
 * the generators:
 * {@code mvn -B -o test -pl plugins/mjpeg -am -Dtest=FuzzSeedWriter -Dsurefire.failIfNoSpecifiedTests=false -Drill.fuzz.writeSeeds=true}
 */
class FuzzSeedWriter {

    private static final Path RESOURCES = Path.of("src/test/resources/dev/rill/plugin/mjpeg");
    /** Small payloads, so that every seed frame spans several packets. */
    private static final int MAX_PAYLOAD = Rfc2435Payloader.MIN_PAYLOAD_SIZE;

    @Test
    @EnabledIfSystemProperty(named = "rill.fuzz.writeSeeds", matches = "true")
    void write() throws IOException {
        Map<String, byte[]> jpegs = jpegs();
        for (Map.Entry<String, byte[]> jpeg : jpegs.entrySet()) {
            write("JpegParserFuzzTest", "parse", jpeg.getKey() + ".jpg", jpeg.getValue());
            write("JpegParserFuzzTest", "carry", jpeg.getKey() + ".jpg", jpeg.getValue());
            write("JpegNormaliserFuzzTest", "normalise", jpeg.getKey() + ".jpg", jpeg.getValue());
        }
        Map<String, byte[]> carriable = new LinkedHashMap<>();
        carriable.put("q75-420", Spec.of(48, 32).rfcQ(75).encode());
        carriable.put("q50-422", Spec.of(64, 24).sampling(2, 1).rfcQ(50).encode());
        carriable.put("inband-420", Spec.of(48, 32).inBandTables(0).encode());
        carriable.put("restart-420", Spec.of(32, 32).rfcQ(80).restart(1).encode());
        carriable.put("restart-422-inband", Spec.of(32, 16).sampling(2, 1).restart(2).inBandTables(1).encode());
        carriable.put("odd-size", Spec.of(41, 23).rfcQ(60).encode());
        for (Map.Entry<String, byte[]> jpeg : carriable.entrySet()) {
            List<byte[]> payloads = payloads(jpeg.getValue());
            write("Rfc2435DepayloaderFuzzTest", "packets", jpeg.getKey() + "-2-frames", records(payloads, 2, -1));
            write("Rfc2435HeaderFuzzTest", "read", jpeg.getKey(), payloads.getFirst());
            write("ClassicDepayloaderFuzzTest", "packets", jpeg.getKey(),
                    records(List.of(JpegTestBytes.classicStyle(jpeg.getValue())), 2, -1));
        }
        List<byte[]> restart = payloads(carriable.get("restart-420"));
        write("Rfc2435DepayloaderFuzzTest", "packets", "restart-420-lost-packet", records(restart, 2, 1));
        List<byte[]> inBand = payloads(carriable.get("inband-420"));
        write("Rfc2435HeaderFuzzTest", "quantTables", "two-8-bit",
                quantHeader(inBand.getFirst(), Rfc2435Header.MAIN_LENGTH));
        write("Rfc2435HeaderFuzzTest", "quantTables", "one-8-bit", quantTables(0, 64, 64));
        write("Rfc2435HeaderFuzzTest", "quantTables", "two-16-bit", quantTables(3, 256, 256));
        write("Rfc2435HeaderFuzzTest", "quantTables", "luma-16-bit", quantTables(1, 192, 192));
        write("Rfc2435HeaderFuzzTest", "quantTables", "none", quantTables(0, 0, 0));
        write("Rfc2435HeaderFuzzTest", "read", "q-dynamic-max-size", new byte[] {0, 0, 0, 0, 1, (byte) 255, (byte) 255, (byte) 255});
        Random random = new Random(2435);
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[64 << i];
            random.nextBytes(bytes);
            write("Rfc2435DepayloaderFuzzTest", "fields", "random-" + bytes.length, bytes);
        }
    }

    /** Small JPEGs in the forms the parser and normaliser meet: carriable ones and those to re-encode. */
    private static Map<String, byte[]> jpegs() {
        Map<String, byte[]> jpegs = new LinkedHashMap<>();
        byte[] baseline = Spec.of(16, 16).encode();
        jpegs.put("baseline-420", baseline);
        jpegs.put("baseline-422", Spec.of(32, 16).sampling(2, 1).encode());
        jpegs.put("baseline-444", Spec.of(16, 16).sampling(1, 1).encode());
        jpegs.put("odd-size", Spec.of(17, 9).encode());
        jpegs.put("restart", Spec.of(32, 32).restart(1).encode());
        jpegs.put("progressive", Spec.of(16, 16).progressiveCoding().encode());
        jpegs.put("optimised-huffman", Spec.of(16, 16).optimisedHuffman().encode());
        jpegs.put("grey", Spec.of(16, 16).greyscale().encode());
        jpegs.put("inband-tables", Spec.of(16, 16).inBandTables(3).encode());
        jpegs.put("cmyk", JpegTestImages.cmyk(8, 8));
        jpegs.put("classic-style", JpegTestBytes.classicStyle(baseline));
        jpegs.put("sixteen-bit-tables", JpegTestBytes.sixteenBitTables(baseline));
        jpegs.put("single-table", JpegTestBytes.singleQuantTable(Spec.of(16, 16).tables(equalTables()).encode()));
        jpegs.put("merged-tables", JpegTestBytes.mergedQuantTables(baseline));
        jpegs.put("third-table", JpegTestBytes.withThirdQuantTable(baseline));
        jpegs.put("huge-stated-size", JpegTestBytes.withSize(Spec.of(16, 16).sampling(1, 1).encode(), 20000, 20000));
        return jpegs;
    }

    /** Luminance and chrominance tables alike, as ffmpeg may write them. */
    private static Rfc2435QuantTables equalTables() {
        byte[] data = new byte[2 * JpegTables.BLOCK_SIZE];
        for (int i = 0; i < JpegTables.BLOCK_SIZE; i++) {
            data[i] = (byte) Rfc2435QuantTables.forQ(75).luminance(i);
            data[JpegTables.BLOCK_SIZE + i] = data[i];
        }
        return new Rfc2435QuantTables(0, data);
    }

    private static List<byte[]> payloads(byte[] jpeg) {
        return new Rfc2435Payloader("seed", MAX_PAYLOAD).payload(new Frame(0, jpeg)).stream()
                .map(PayloadFragment::payload).map(JpegTestBytes::bytes).toList();
    }

    /** {@code frames} frames of these payloads in the {@link RtpRecords} layout, without payload {@code lost} of the first. */
    private static byte[] records(List<byte[]> payloads, int frames, int lost) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int frame = 0; frame < frames; frame++) {
            for (int i = 0; i < payloads.size(); i++) {
                if (frame == 0 && i == lost) {
                    continue;
                }
                RtpRecords.write(out, payloads.get(i), i == payloads.size() - 1, i == 0 && frame > 0 ? 1 : 0);
            }
        }
        return out.toByteArray();
    }

    /** A payload's quantisation table header and what follows it. */
    private static byte[] quantHeader(byte[] payload, int at) {
        return Arrays.copyOfRange(payload, at, payload.length);
    }

    private static byte[] quantTables(int precision, int length, int tableBytes) {
        ByteBuffer out = ByteBuffer.allocate(Rfc2435QuantTables.HEADER_LENGTH + tableBytes);
        out.put((byte) 0).put((byte) precision).putShort((short) length);
        for (int i = 0; i < tableBytes; i++) {
            out.put((byte) (i % 2 == 0 && (precision & 1) != 0 ? 0 : 1 + i % 50));
        }
        return out.array();
    }

    private static void write(String target, String method, String name, byte[] bytes) throws IOException {
        Path dir = RESOURCES.resolve(target + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
