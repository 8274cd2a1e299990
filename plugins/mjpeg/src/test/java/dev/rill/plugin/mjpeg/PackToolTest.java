package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackToolTest {

    @TempDir
    Path dir;

    private Path frames() throws IOException {
        return Files.createDirectory(dir.resolve("frames"));
    }

    private static ToolRun pack(String... args) {
        return ToolRun.of(new PackTool(), args);
    }

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void packedFileIndexesToTheSameFramesInOrder() throws IOException {
        Path frames = frames();
        byte[] first = JpegTestImages.Spec.of(64, 48).encode();
        byte[] second = JpegTestImages.Spec.of(32, 32).sampling(1, 1).encode();
        byte[] third = ContainerBytes.jpeg(500, 7);
        Files.write(frames.resolve("a.jpg"), first);
        Files.write(frames.resolve("b.JPEG"), second);
        Files.write(frames.resolve("c.Jpg"), third);
        Files.writeString(frames.resolve("notes.txt"), "not a frame, not looked at");
        Path out = dir.resolve("out.Mjpeg");

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(0, run.exit(), run.err());
        long total = first.length + second.length + third.length;
        assertEquals("packed 3 frames into " + out + ": " + String.format("%,d", total + 15) + " bytes ("
                + String.format("%,d", total) + " bytes of JPEG)", run.out().strip());
        List<byte[]> read = new ArrayList<>();
        try (MjpegIndex index = MjpegIndex.read(out, MjpegIndex.DEFAULT_MAX_FILE_BYTES)) {
            assertTrue(index.fault().isEmpty());
            for (int i = 0; i < index.frameCount(); i++) {
                read.add(index.frameBytes(i));
            }
        }
        assertEquals(3, read.size());
        assertArrayEquals(first, read.get(0));
        assertArrayEquals(second, read.get(1));
        assertArrayEquals(third, read.get(2));
        assertEquals(List.of(frames, out), filesIn(dir).stream().sorted().toList(), "no temporary file left");
    }

    @Test
    void outputGetsTheSamePermissionsAsAnyNewFile() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        Path frames = frames();
        Files.write(frames.resolve("1.jpg"), ContainerBytes.jpeg(100, 1));
        Path out = dir.resolve("out.Mjpeg");
        Path plain = Files.createFile(dir.resolve("plain"));

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    @Test
    void numberedNamesAreTakenInNaturalOrder() throws IOException {
        Path frames = frames();
        for (int n : new int[] {10, 2, 1, 33, 9}) {
            Files.write(frames.resolve("frame" + n + ".jpg"), ContainerBytes.jpeg(100 + n, n));
        }

        List<Path> files = MjpegPacker.jpegFiles(frames);

        assertEquals(List.of("frame1.jpg", "frame2.jpg", "frame9.jpg", "frame10.jpg", "frame33.jpg"),
                files.stream().map(f -> f.getFileName().toString()).toList());
    }

    @Test
    void nonJpegFileIsRefusedByNameAndNothingIsWritten() throws IOException {
        Path frames = frames();
        Files.write(frames.resolve("1.jpg"), ContainerBytes.jpeg(100, 1));
        Files.write(frames.resolve("2.jpg"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        Path out = dir.resolve("out.Mjpeg");

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains(frames.resolve("2.jpg") + ": not a JPEG: starts with 89 50, not SOI (FF D8)"),
                run.err());
        assertEquals(List.of(frames), filesIn(dir), "nothing written");
    }

    @Test
    void jpegWithoutEoiIsRefusedByName() throws IOException {
        Path frames = frames();
        byte[] padded = ContainerBytes.concat(ContainerBytes.jpeg(100, 1), new byte[] {0, 0});
        Files.write(frames.resolve("padded.jpeg"), padded);

        ToolRun run = pack(frames.toString(), dir.resolve("out.Mjpeg").toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("padded.jpeg: not a complete JPEG: ends with 00 00, not EOI (FF D9)"), run.err());
    }

    @Test
    void frameOverTheLengthFieldIsRefusedByName() throws IOException {
        Path frames = frames();
        Files.write(frames.resolve("1.jpg"), ContainerBytes.jpeg(100, 1));
        Files.write(frames.resolve("2.jpg"), ContainerBytes.jpeg(100_000, 2));
        Path out = dir.resolve("out.Mjpeg");

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains(frames.resolve("2.jpg") + ": 100,000 bytes, more than the 99,999"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void largestFrameTheLengthFieldAllowsIsPacked() throws IOException {
        Path frames = frames();
        byte[] largest = ContainerBytes.jpeg(99_999, 2);
        Files.write(frames.resolve("1.jpg"), largest);
        Path out = dir.resolve("out.Mjpeg");

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(0, run.exit(), run.err());
        try (MjpegIndex index = MjpegIndex.read(out, MjpegIndex.DEFAULT_MAX_FILE_BYTES)) {
            assertArrayEquals(largest, index.frameBytes(0));
        }
    }

    @Test
    void frameOverJavaClientBufferIsPackedWithAWarning() throws IOException {
        Path frames = frames();
        Files.write(frames.resolve("1.jpg"), ContainerBytes.jpeg(14_988, 1));
        Files.write(frames.resolve("2.jpg"), ContainerBytes.jpeg(14_989, 2));

        ToolRun run = pack(frames.toString(), dir.resolve("out.Mjpeg").toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().startsWith("warning: 1 frame over 14,988 bytes, too large for the course's Java client"),
                run.err());
        assertTrue(run.err().contains("  " + frames.resolve("2.jpg") + ": 14,989 bytes"), run.err());
        assertFalse(run.err().contains("1.jpg"), run.err());
    }

    @Test
    void existingOutputIsRefusedWithoutForce() throws IOException {
        Path frames = frames();
        Files.write(frames.resolve("1.jpg"), ContainerBytes.jpeg(100, 1));
        Path out = Files.writeString(dir.resolve("out.Mjpeg"), "keep me");

        ToolRun run = pack(frames.toString(), out.toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains(out + ": exists (use --force to replace it)"), run.err());
        assertEquals("keep me", Files.readString(out));
    }

    @Test
    void existingOutputIsReplacedWithForce() throws IOException {
        Path frames = frames();
        byte[] jpeg = ContainerBytes.jpeg(100, 1);
        Files.write(frames.resolve("1.jpg"), jpeg);
        Path out = Files.writeString(dir.resolve("out.Mjpeg"), "replace me");

        ToolRun run = pack("--force", frames.toString(), out.toString());

        assertEquals(0, run.exit(), run.err());
        assertArrayEquals(ContainerBytes.container(jpeg), Files.readAllBytes(out));
    }

    @Test
    void directoryWithoutJpegFilesIsRefused() throws IOException {
        Path frames = frames();
        Files.writeString(frames.resolve("readme.txt"), "no pictures");

        ToolRun run = pack(frames.toString(), dir.resolve("out.Mjpeg").toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains(frames + ": no *.jpg or *.jpeg files"), run.err());
    }

    @Test
    void missingDirectoryIsRefused() {
        ToolRun run = pack(dir.resolve("absent").toString(), dir.resolve("out.Mjpeg").toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("absent: no such directory"), run.err());
    }

    @Test
    void wrongArgumentCountIsAUsageError() {
        ToolRun run = pack("only-one");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("usage: pack"), run.err());
    }
}
