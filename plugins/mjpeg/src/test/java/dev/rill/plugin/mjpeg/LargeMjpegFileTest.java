package dev.rill.plugin.mjpeg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.rill.plugin.mjpeg.ContainerBytes.container;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file larger than many servers' heaps: indexed and played without being held in memory. */
class LargeMjpegFileTest {

    /** About 300 MB: the old whole-file read ended in OutOfMemoryError at -Xmx256m. */
    private static final long FILE_BYTES = 300L << 20;

    @TempDir
    Path dir;

    @Test
    void fileOf300MegabytesIsIndexedWithoutHoldingItAndItsFramesAreRead() throws IOException {
        byte[] jpeg = JpegTestImages.Spec.of(320, 240).encode();
        Path file = dir.resolve("large.Mjpeg");
        try {
            long frames = writeRepeated(file, container(jpeg), FILE_BYTES);
            MjpegIndex index = MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES);
            try (MjpegFileSource source = new MjpegFileSource(index, 25, false)) {
                assertEquals(frames, source.frameCount());
                assertEquals(0, index.heldMediaBytes(), "no media bytes on the heap");
                long tables = 4L * frames + 8L * (frames / MjpegIndex.FRAMES_PER_POSITION + 1);
                assertTrue(index.indexBytes() <= tables, index.indexBytes() + " bytes of index for " + frames + " frames");
                for (long n : new long[] {0, frames / 2, frames - 1}) {
                    var frame = source.frame(n).orElseThrow();
                    assertEquals(n, frame.index());
                    assertEquals(n * 40_000_000, frame.timeNanos(), "frame " + n + " at n / 25 s");
                    assertArrayEquals(jpeg, frame.bytes(), "frame " + n);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes {@code unit} over and over until the file has at least {@code bytes}; returns how many times. */
    private static long writeRepeated(Path file, byte[] unit, long bytes) throws IOException {
        int perChunk = Math.max(1, (1 << 20) / unit.length);
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * unit.length);
        for (int i = 0; i < perChunk; i++) {
            chunk.put(unit);
        }
        chunk.flip();
        long count = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (count * unit.length < bytes) {
                chunk.rewind();
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                count += perChunk;
            }
        }
        return count;
    }
}
