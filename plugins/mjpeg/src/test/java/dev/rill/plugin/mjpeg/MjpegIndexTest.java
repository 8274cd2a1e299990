package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.rill.plugin.mjpeg.ContainerBytes.ascii;
import static dev.rill.plugin.mjpeg.ContainerBytes.concat;
import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static dev.rill.plugin.mjpeg.ContainerBytes.jpeg;
import static dev.rill.plugin.mjpeg.ContainerBytes.withByte;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MjpegIndexTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private final List<MjpegIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(MjpegIndex::close);
    }

    private MjpegIndex opened(MjpegIndex index) {
        opened.add(index);
        return index;
    }

    /**
     * Indexes {@code file} as the server does, and again with the smallest scan window (one
     * positional read per frame boundary): both must find the same frames and the same fault.
     */
    private MjpegIndex read(Path file) throws IOException {
        MjpegIndex index = opened(MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES));
        MjpegIndex narrow = opened(MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES, MjpegIndex.MIN_SCAN_WINDOW_BYTES));
        assertEquals(index.fault(), narrow.fault());
        assertEquals(sizes(index), sizes(narrow));
        return index;
    }

    private static List<Integer> sizes(MjpegIndex index) {
        return IntStream.range(0, index.frameCount()).map(index::frameSize).boxed().toList();
    }

    /** The shared movie.Mjpeg has 577 frames, the first 6,404 bytes and the last 5,453. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#movies")
    void movieIndexesEveryFrame(LabClips.Clip movie) throws IOException {
        assertIndexesEveryFrame(movie);
    }

    /** The shared classic-frames.Mjpeg has 18 frames, the first 7,149 bytes and the last 9,180. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.rill.plugin.mjpeg.LabClips#classicFrames")
    void classicFramesIndexEveryFrame(LabClips.Clip classic) throws IOException {
        assertIndexesEveryFrame(classic);
    }

    private void assertIndexesEveryFrame(LabClips.Clip clip) throws IOException {
        MjpegIndex index = read(clip.file());
        int count = clip.sizes().count();
        assertEquals(count, index.frameCount());
        assertEquals(clip.sizes().first(), index.frameBytes(0).length);
        assertEquals(clip.sizes().last(), index.frameBytes(count - 1).length);
        assertTrue(index.fault().isEmpty());
    }

    @Test
    void framesHoldExactlyTheJpegBytesNumberedFromZero() throws IOException {
        byte[] a = jpeg(100, 1);
        byte[] b = jpeg(4, 2);
        MjpegIndex index = read(write("two.Mjpeg", container(a, b)));
        assertEquals(2, index.frameCount());
        assertArrayEquals(a, index.frameBytes(0));
        assertArrayEquals(b, index.frameBytes(1));
        MjpegFileSource source = new MjpegFileSource(index, 25, false);
        assertEquals(0, source.frame(0).orElseThrow().index());
        assertEquals(1, source.frame(1).orElseThrow().index());
        assertEquals("two.Mjpeg", index.name());
    }

    @Test
    void nonDigitLengthFieldStopsAtThatFrameAndKeepsTheOnesBefore() throws IOException {
        byte[] data = concat(container(jpeg(50, 1), jpeg(60, 2)), ascii("00a12"), jpeg(12, 3));
        MjpegIndex index = read(write("movie.Mjpeg", data));
        assertEquals(2, index.frameCount());
        assertEquals("movie.Mjpeg: frame 3: length field '00a12' is not 5 decimal digits", index.fault().orElseThrow());
    }

    @Test
    void nonPrintableLengthFieldIsShownEscaped() throws IOException {
        byte[] data = concat(container(jpeg(50, 1)), new byte[] {'0', 0, (byte) 0xFF, '1', '2'});
        MjpegIndex index = read(write("x.Mjpeg", data));
        assertEquals("x.Mjpeg: frame 2: length field '0\\x00\\xFF12' is not 5 decimal digits", index.fault().orElseThrow());
    }

    @Test
    void truncatedLastFrameIsDroppedAndNamed() throws IOException {
        byte[] whole = container(jpeg(40, 1), jpeg(8188, 2));
        byte[] cut = Arrays.copyOf(whole, 5 + 40 + 5 + 1200);
        MjpegIndex index = read(write("movie.Mjpeg", cut));
        assertEquals(1, index.frameCount());
        assertEquals("movie.Mjpeg: frame 2: truncated: 8188 bytes announced, 1200 present", index.fault().orElseThrow());
    }

    @Test
    void truncatedLengthFieldIsNamed() throws IOException {
        byte[] data = concat(container(jpeg(40, 1)), ascii("001"));
        MjpegIndex index = read(write("short.Mjpeg", data));
        assertEquals(1, index.frameCount());
        assertEquals("short.Mjpeg: frame 2: truncated length field: 3 of 5 bytes present", index.fault().orElseThrow());
    }

    @Test
    void frameNotStartingWithSoiStopsTheIndex() throws IOException {
        byte[] data = container(jpeg(40, 1), jpeg(40, 2), withByte(jpeg(40, 3), 1, 0xD9));
        MjpegIndex index = read(write("movie.Mjpeg", data));
        assertEquals(2, index.frameCount());
        assertEquals("movie.Mjpeg: frame 3: does not start with SOI (FF D8) but with FF D9", index.fault().orElseThrow());
    }

    @Test
    void frameNotEndingWithEoiStopsTheIndex() throws IOException {
        byte[] padded = Arrays.copyOf(jpeg(40, 2), 42); // EOI followed by two zero bytes: refused
        byte[] data = container(jpeg(40, 1), padded, jpeg(40, 3));
        MjpegIndex index = read(write("movie.Mjpeg", data));
        assertEquals(1, index.frameCount());
        assertEquals("movie.Mjpeg: frame 2: does not end with EOI (FF D9) but with 00 00", index.fault().orElseThrow());
    }

    @Test
    void zeroLengthFrameStopsTheIndex() throws IOException {
        byte[] data = concat(container(jpeg(40, 1)), ascii("00000"), container(jpeg(40, 2)));
        MjpegIndex index = read(write("z.Mjpeg", data));
        assertEquals(1, index.frameCount());
        assertEquals("z.Mjpeg: frame 2: length is 0", index.fault().orElseThrow());
    }

    @Test
    void frameTooShortForSoiAndEoiStopsTheIndex() throws IOException {
        byte[] data = concat(container(jpeg(40, 1)), ascii("00003"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xD9});
        MjpegIndex index = read(write("s.Mjpeg", data));
        assertEquals(1, index.frameCount());
        assertEquals("s.Mjpeg: frame 2: 3 bytes is too short for a JPEG (SOI and EOI alone take 4)", index.fault().orElseThrow());
    }

    @Test
    void emptyFileIsRefusedNamingTheFile() throws IOException {
        Path file = write("empty.Mjpeg", new byte[0]);
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertEquals("empty.Mjpeg: empty file, no frames", e.getMessage());
    }

    @Test
    void fileWithoutAValidFrameIsRefusedNamingFileFrameAndProblem() throws IOException {
        Path file = write("bad.Mjpeg", container(withByte(jpeg(40, 1), 0, 0x00), jpeg(40, 2)));
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertEquals("bad.Mjpeg: no valid frame; bad.Mjpeg: frame 1: does not start with SOI (FF D8) but with 00 D8",
                e.getMessage());
    }

    @Test
    void fileLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
        Path file = write("big.Mjpeg", container(jpeg(1000, 1)));
        IOException e = assertThrows(IOException.class, () -> MjpegIndex.read(file, 1000));
        assertTrue(e.getMessage().contains("1005 bytes is more than the limit of 1000 bytes (maxFileBytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("big.Mjpeg"), e.getMessage());
    }

    @Test
    void fileExactlyAtTheLimitIsRead() throws IOException {
        Path file = write("fits.Mjpeg", container(jpeg(1000, 1)));
        assertEquals(1, opened(MjpegIndex.read(file, 1005)).frameCount());
    }

    @Test
    void missingFileIsAnIoException() {
        assertThrows(IOException.class, () -> read(dir.resolve("absent.Mjpeg")));
    }

    @Test
    void megabyteOfRandomBytesIsRefusedQuickly() throws IOException {
        byte[] noise = new byte[1 << 20];
        new Random(2435).nextBytes(noise);
        Path file = write("noise.Mjpeg", noise);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class, () -> read(file)));
    }

    @Test
    void megabyteOfDigitsAndSmallFramesIndexesQuickly() throws IOException {
        // The worst case for the loop: as many frames as the bytes allow (9 bytes each).
        byte[] tiny = container(jpeg(4, 0));
        byte[] data = new byte[tiny.length * ((1 << 20) / tiny.length)];
        for (int i = 0; i + tiny.length <= data.length; i += tiny.length) {
            System.arraycopy(tiny, 0, data, i, tiny.length);
        }
        Path file = write("tiny.Mjpeg", data);
        MjpegIndex index = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read(file));
        assertEquals(data.length / tiny.length, index.frameCount());
        Frame last = new MjpegFileSource(index, 25, false).frame(index.frameCount() - 1).orElseThrow();
        assertEquals(index.frameCount() - 1, last.index());
    }

    @Test
    void limitOutsideTheSupportedRangeIsRejected() {
        Path file = dir.resolve("any.Mjpeg");
        assertThrows(IllegalArgumentException.class, () -> MjpegIndex.read(file, 0));
        assertThrows(IllegalArgumentException.class, () -> MjpegIndex.read(file, MjpegIndex.MAX_SUPPORTED_FILE_BYTES + 1));
    }

    @Test
    void framesLargerThanTheScanWindowAreIndexedAlike() throws IOException {
        byte[] data = container(jpeg(MjpegIndex.SCAN_WINDOW_BYTES / 2 + 1, 1), jpeg(99_999, 2), jpeg(4, 3), jpeg(70_000, 4));
        MjpegIndex index = read(write("large.Mjpeg", data));
        assertEquals(List.of(32_769, 99_999, 4, 70_000), sizes(index));
        assertArrayEquals(jpeg(70_000, 4), index.frameBytes(3));
    }

    @Test
    void framesPastTheFirstStoredPositionAreReadFromTheRightPlace() throws IOException {
        byte[][] frames = new byte[MjpegIndex.FRAMES_PER_POSITION * 2 + 3][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = jpeg(4 + i % 7 * 13, i);
        }
        MjpegIndex index = read(write("many.Mjpeg", container(frames)));
        for (int i : new int[] {0, 1, 63, 64, 65, 127, 128, frames.length - 1}) {
            assertArrayEquals(frames[i], index.frameBytes(i), "frame " + i);
        }
    }

    @Test
    void fileIsNotHeldInMemoryButTheSampleIs() throws IOException {
        byte[] data = container(jpeg(1000, 1), jpeg(2000, 2));
        assertEquals(0, read(write("file.Mjpeg", data)).heldMediaBytes());
        assertEquals(data.length, opened(MjpegIndex.index("memory.Mjpeg", data)).heldMediaBytes());
    }

    @Test
    void readsAfterCloseFailAsClosed() throws IOException {
        MjpegIndex file = read(write("c.Mjpeg", container(jpeg(40, 1))));
        file.close();
        assertThrows(ClosedChannelException.class, () -> file.frameBytes(0));
        MjpegIndex memory = MjpegIndex.index("m.Mjpeg", container(jpeg(40, 1)));
        memory.close();
        assertThrows(ClosedChannelException.class, () -> memory.frameBytes(0));
    }

    @Test
    void aFrameOverwrittenAfterIndexingIsAnIoExceptionNamingTheFile() throws IOException {
        Path file = write("changed.Mjpeg", container(jpeg(40, 1), jpeg(40, 2)));
        MjpegIndex index = read(file);
        Files.write(file, container(jpeg(40, 1), withByte(jpeg(40, 2), 0, 0)));
        IOException e = assertThrows(IOException.class, () -> index.frameBytes(1));
        assertEquals("changed.Mjpeg: frame 2 no longer runs from SOI to EOI; the file changed after it was indexed",
                e.getMessage());
        assertArrayEquals(jpeg(40, 1), index.frameBytes(0));
    }

    @Test
    void aFileCutShortAfterIndexingIsAnEofOnTheLostFrames() throws IOException {
        byte[] data = container(jpeg(40, 1), jpeg(40, 2));
        Path file = write("cut.Mjpeg", data);
        MjpegIndex index = read(file);
        Files.write(file, Arrays.copyOf(data, 60));
        assertThrows(EOFException.class, () -> index.frameBytes(1));
        assertArrayEquals(jpeg(40, 1), index.frameBytes(0));
    }

    @Test
    void anInterruptedReaderFailsAndTheFileStaysReadableForTheOthers() throws IOException {
        // An interrupt closes a FileChannel for every thread; the index reopens it.
        MjpegIndex index = read(write("i.Mjpeg", container(jpeg(40, 1), jpeg(50, 2))));
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class, () -> index.frameBytes(0));
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(jpeg(50, 2), index.frameBytes(1));
    }

    @Test
    void scanWindowSmallerThanAFrameBoundaryIsRejected() {
        Path file = dir.resolve("any.Mjpeg");
        assertThrows(IllegalArgumentException.class,
                () -> MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES, MjpegIndex.MIN_SCAN_WINDOW_BYTES - 1));
    }
}
