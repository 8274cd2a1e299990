package dev.rill.plugin.mjpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckToolTest {

    private static final byte[] SMALL_420 = JpegTestImages.Spec.of(64, 48).encode();
    private static final byte[] OTHER_420 = JpegTestImages.Spec.of(64, 48).quality(0.5f).encode();

    @TempDir
    Path dir;

    private Path file(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static ToolRun check(Path file, String... options) {
        String[] args = Arrays.copyOf(options, options.length + 1);
        args[options.length] = file.toString();
        return ToolRun.of(new CheckTool(), args);
    }

    @Test
    void cleanFileIsReportedAsCarriedAsIsAndExitsZero() throws IOException {
        Path file = file("clean.Mjpeg", ContainerBytes.container(SMALL_420, OTHER_420, SMALL_420));

        ToolRun run = check(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals("file: " + file, run.line("file"));
        assertEquals("frames: 3 valid", run.line("frames"));
        assertEquals("container: intact", run.line("container"));
        assertEquals("dimensions: 64x48 (3 frames)", run.line("dimensions"));
        assertEquals("chroma sampling: 4:2:0 (3 frames)", run.line("chroma sampling"));
        assertEquals("coding: baseline (3 frames)", run.line("coding"));
        assertEquals("duration: 0.15 s at 20 fps", run.line("duration"));
        assertEquals("RFC 2435 (ffmpeg, GStreamer, VLC): carried as is", run.line("RFC 2435 (ffmpeg, GStreamer, VLC)"));
        assertEquals("course's Java client: yes (every frame <= 14,988 bytes)", run.line("course's Java client"));
        assertEquals("course's Python client: yes (every frame <= 20,468 bytes; 20,480-byte buffer)",
                run.line("course's Python client"));
    }

    @Test
    void aRecordingIsTimedByItsSidecar() throws IOException {
        Path file = file("door-2026-12-02T10-00-00Z.Mjpeg", ContainerBytes.container(SMALL_420, OTHER_420, SMALL_420));
        Files.writeString(dir.resolve("door-2026-12-02T10-00-00Z.Mjpeg.times"), "# frame times\n0\n100000000\n200000000\n");

        ToolRun run = check(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals("duration: 0.30 s at 10 fps", run.line("duration"));
    }

    @Test
    void frameSizesAreMinMedianOfTheMiddleTwoAndMax() throws IOException {
        // Not decodable, but the sizes come from the container alone.
        Path file = file("sizes.Mjpeg", ContainerBytes.container(ContainerBytes.jpeg(3000, 1),
                ContainerBytes.jpeg(1000, 2), ContainerBytes.jpeg(1201, 3), ContainerBytes.jpeg(1300, 4)));

        ToolRun run = check(file);

        assertEquals("frame sizes: min 1,000, median 1,250.5, max 3,000 bytes (6,501 in all)", run.line("frame sizes"));
    }

    @Test
    void corruptContainerExitsOneAndNamesTheFault() throws IOException {
        byte[] whole = ContainerBytes.container(SMALL_420, SMALL_420, SMALL_420);
        Path file = file("cut.Mjpeg", Arrays.copyOf(whole, whole.length - 10));

        ToolRun run = check(file);

        assertEquals(1, run.exit());
        assertEquals("frames: 2 valid", run.line("frames"));
        assertEquals("container: CORRUPT: cut.Mjpeg: frame 3: truncated: " + SMALL_420.length + " bytes announced, "
                + (SMALL_420.length - 10) + " present; nothing after it is read", run.line("container"));
    }

    @Test
    void fileWithoutAValidFrameExitsOneWithTheReason() throws IOException {
        Path file = file("junk.Mjpeg", ContainerBytes.ascii("hello, this is no Mjpeg"));

        ToolRun run = check(file);

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("junk.Mjpeg: frame 1: length field 'hello' is not 5 decimal digits"), run.err());
    }

    @Test
    void missingFileExitsOne() {
        ToolRun run = check(dir.resolve("absent.Mjpeg"));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("absent.Mjpeg: no such file"), run.err());
    }

    @Test
    void fullChromaFramesAreReportedAsReencodedWithTheReason() throws IOException {
        byte[] full = JpegTestImages.Spec.of(64, 48).sampling(1, 1).encode();
        Path file = file("444.Mjpeg", ContainerBytes.container(full, full));

        ToolRun run = check(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals("chroma sampling: 4:4:4 (2 frames)", run.line("chroma sampling"));
        assertEquals("RFC 2435 (ffmpeg, GStreamer, VLC): re-encoded by Rill before sending: 4:4:4 chroma sampling"
                + " (RFC 2435 carries only 4:2:0 and 4:2:2) (2 frames)", run.line("RFC 2435 (ffmpeg, GStreamer, VLC)"));
    }

    @Test
    void mixedFileListsEachReasonAndTheFramesCarriedAsIs() throws IOException {
        byte[] full = JpegTestImages.Spec.of(64, 48).sampling(1, 1).encode();
        byte[] grey = JpegTestImages.Spec.of(64, 48).greyscale().encode();
        Path file = file("mixed.Mjpeg", ContainerBytes.container(full, SMALL_420, full, grey));

        ToolRun run = check(file);

        assertEquals("chroma sampling: 4:2:0 (1 frame), 4:4:4 (2 frames), grey (1 frame)", run.line("chroma sampling"));
        String out = run.out();
        assertTrue(out.contains("RFC 2435 (ffmpeg, GStreamer, VLC): re-encoded by Rill before sending:\n"
                + "  4:4:4 chroma sampling (RFC 2435 carries only 4:2:0 and 4:2:2) (2 frames)\n"
                + "  1 component (greyscale) (RFC 2435 carries Y, Cb, Cr only) (1 frame)\n"
                + "  the other 1 frame carried as is\n"), out);
    }

    @Test
    void frameOverJavaClientBufferIsReported() throws IOException {
        byte[] large = JpegTestImages.Spec.of(176, 144).noisy().encode();
        assertTrue(large.length > 14_988 && large.length <= 20_468, "test frame is " + large.length + " bytes");
        Path file = file("large.Mjpeg", ContainerBytes.container(SMALL_420, large));

        ToolRun run = check(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals("course's Java client: no: 1 frame over 14,988 bytes (largest " + String.format("%,d", large.length)
                + ")", run.line("course's Java client"));
        assertEquals("course's Python client: yes (every frame <= 20,468 bytes; 20,480-byte buffer)",
                run.line("course's Python client"));
    }

    @Test
    void unparseableFrameIsNamedAndExitsOne() throws IOException {
        Path file = file("fake.Mjpeg", ContainerBytes.container(SMALL_420, ContainerBytes.jpeg(200, 3)));

        ToolRun run = check(file);

        assertEquals(1, run.exit());
        assertEquals("unreadable JPEG: 1 frame, not sent by RFC 2435", run.line("unreadable JPEG"));
        assertTrue(run.out().contains("\n  frame 2: "), run.out());
        assertEquals("dimensions: 64x48 (1 frame)", run.line("dimensions"));
    }

    @Test
    void jsonReportCarriesTheSameFacts() throws IOException {
        byte[] full = JpegTestImages.Spec.of(64, 48).sampling(1, 1).encode();
        Path file = file("444.Mjpeg", ContainerBytes.container(full, full));

        ToolRun run = check(file, "--json");

        assertEquals(0, run.exit(), run.err());
        String json = run.out().strip();
        assertTrue(json.startsWith("{\"file\":" + ClipSurveyJson.string(file.toString()) + ",\"frames\":2,\"clean\":true,"
                + "\"fault\":null,"), json);
        assertTrue(json.contains("\"dimensions\":{\"64x48\":2}"), json);
        assertTrue(json.contains("\"sampling\":{\"4:4:4\":2}"), json);
        assertTrue(json.contains("\"rfc2435\":{\"carriedAsIs\":0,\"reencoded\":{\"4:4:4 chroma sampling"
                + " (RFC 2435 carries only 4:2:0 and 4:2:2)\":2}}"), json);
        assertTrue(json.contains("\"javaClient\":{\"fits\":true,\"bufferBytes\":15000,\"maxFrameBytes\":14988,"), json);
        assertEquals(1, run.lines().size());
    }

    @Test
    void jsonReportListsUnreadableFramesAndWritesWholeNumbersWithoutAFraction() throws IOException {
        Path file = file("fake.Mjpeg", ContainerBytes.container(SMALL_420, ContainerBytes.jpeg(200, 3)));

        JsonNode report = new ObjectMapper().readTree(check(file, "--json").out());

        assertEquals(1, report.get("unreadableFrames").intValue());
        assertEquals(2, report.get("unreadable").get(0).get("frame").intValue());
        assertTrue(report.get("unreadable").get(0).get("problem").isTextual());
        assertTrue(report.get("fps").isIntegralNumber(), report.toString());
        assertEquals(0.1, report.get("durationSeconds").doubleValue());
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", ClipSurveyJson.string("a\"b\\c\nd\u0001"));
    }

    @Test
    void wrongArgumentsAreAUsageError() {
        ToolRun none = ToolRun.of(new CheckTool());
        ToolRun unknown = ToolRun.of(new CheckTool(), "--fast", "x.Mjpeg");

        assertEquals(2, none.exit());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown option '--fast'"), unknown.err());
        assertTrue(unknown.err().contains("usage: check"), unknown.err());
    }

    /**
     * The line {@code check} prints for these sizes, written here independently; for the shared
     * movie.Mjpeg "frame sizes: min 3,494, median 5,709, max 8,188 bytes (3,381,737 in all)".
     */
    private static String frameSizesLine(LabClips.FrameSizes sizes) {
        String median = sizes.median() == Math.rint(sizes.median())
                ? String.format(Locale.ROOT, "%,d", (long) sizes.median())
                : String.format(Locale.ROOT, "%,.1f", sizes.median());
        return String.format(Locale.ROOT, "frame sizes: min %,d, median %s, max %,d bytes (%,d in all)",
                sizes.min(), median, sizes.max(), sizes.total());
    }

    /** For the shared movie.Mjpeg: 577 frames, 28.85 s. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#movies")
    void movieIs420AndCarriedAsIs(LabClips.Clip movie) {
        int frames = movie.sizes().count();

        ToolRun run = check(movie.file());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("frames: " + frames + " valid", run.line("frames"));
        assertEquals(frameSizesLine(movie.sizes()), run.line("frame sizes"));
        assertEquals("dimensions: 320x240 (" + frames + " frames)", run.line("dimensions"));
        assertEquals("chroma sampling: 4:2:0 (" + frames + " frames)", run.line("chroma sampling"));
        assertEquals("coding: baseline (" + frames + " frames)", run.line("coding"));
        assertEquals(String.format(Locale.ROOT, "duration: %.2f s at 20 fps", frames / 20.0), run.line("duration"));
        assertEquals("RFC 2435 (ffmpeg, GStreamer, VLC): carried as is", run.line("RFC 2435 (ffmpeg, GStreamer, VLC)"));
        assertTrue(run.line("course's Java client").startsWith("course's Java client: yes"));
    }

    /** For the shared classic-frames.Mjpeg: 18 frames, min 5,896, median 7,591, max 9,180 bytes (135,894 in all). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#classicFrames")
    void classicFramesAre444AndReencoded(LabClips.Clip classic) {
        int frames = classic.sizes().count();

        ToolRun run = check(classic.file());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("frames: " + frames + " valid", run.line("frames"));
        assertEquals(frameSizesLine(classic.sizes()), run.line("frame sizes"));
        assertEquals("dimensions: 384x288 (" + frames + " frames)", run.line("dimensions"));
        assertEquals("chroma sampling: 4:4:4 (" + frames + " frames)", run.line("chroma sampling"));
        assertTrue(run.line("RFC 2435 (ffmpeg, GStreamer, VLC)").startsWith(
                "RFC 2435 (ffmpeg, GStreamer, VLC): re-encoded by Rill before sending: 4:4:4 chroma sampling"));
        assertTrue(run.line("course's Java client").startsWith("course's Java client: yes"));
    }
}
