package dev.rill.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a recording while it is written: the {@code .Mjpeg} container under its
 * {@code .part} name, and its frame times ({@link #TIMES_HEADER}) beside it, also as
 * {@code .part}. Each frame goes to the file in one write of its length field and JPEG, and only
 * then its time, so a process killed at any moment leaves whole frames followed by at most one
 * partial one, and no more times than frames. {@link #finish} renames both into place (times
 * first, so whoever sees the segment sees its times).
 */
final class Segment {

    /** First line of a times file; the reader ({@code MjpegFileProvider}) skips lines starting with {@code #}. */
    static final String TIMES_HEADER = "# rill frame times: nanoseconds from the segment's first frame, one line per frame\n";
    /** The container's length field: 5 ASCII decimal digits, so no frame of more than 99,999 bytes. */
    static final int LENGTH_DIGITS = 5;
    static final int MAX_FRAME_BYTES = 99_999;

    private final Path file;
    private final FileChannel media;
    private final FileChannel times;
    private long firstTimeNanos = -1;
    private long frames;
    /** Bytes of whole frames in the container: what stays when a write fails half-way. */
    private long whole;

    private Segment(Path file, FileChannel media, FileChannel times) {
        this.file = file;
        this.media = media;
        this.times = times;
    }

    /** Begins the segment that will be {@code file} once finished. */
    static Segment begin(Path file) throws IOException {
        Path timesPart = SegmentNames.partOf(SegmentNames.timesOf(file));
        FileChannel media = FileChannel.open(SegmentNames.partOf(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel times = null;
        try {
            times = FileChannel.open(timesPart, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            writeFully(times, ByteBuffer.wrap(TIMES_HEADER.getBytes(StandardCharsets.US_ASCII)));
            return new Segment(file, media, times);
        } catch (IOException | RuntimeException e) {
            media.close();
            if (times != null) {
                times.close();
            }
            Files.deleteIfExists(SegmentNames.partOf(file));
            Files.deleteIfExists(timesPart);
            throw e;
        }
    }

    /**
     * Appends one frame.
     *
     * @param jpeg      one whole JPEG, SOI to EOI, at most {@link #MAX_FRAME_BYTES}
     * @param timeNanos its time on the source's clock; times must not go backwards
     */
    void write(byte[] jpeg, long timeNanos) throws IOException {
        if (jpeg.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + jpeg.length + " bytes does not fit the container's "
                    + LENGTH_DIGITS + " digits");
        }
        if (firstTimeNanos < 0) {
            firstTimeNanos = timeNanos;
        }
        ByteBuffer frame = ByteBuffer.allocate(LENGTH_DIGITS + jpeg.length);
        frame.put(String.format("%05d", jpeg.length).getBytes(StandardCharsets.US_ASCII)).put(jpeg).flip();
        try {
            writeFully(media, frame);
        } catch (IOException e) {
            media.truncate(whole);
            throw e;
        }
        whole += LENGTH_DIGITS + jpeg.length;
        frames++;
        long relative = Math.max(0, timeNanos - firstTimeNanos);
        writeFully(times, ByteBuffer.wrap((relative + "\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /** Every write of a regular file moves on or throws, so this loop ends. */
    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    long frames() {
        return frames;
    }

    /** The name the segment has once finished. */
    Path file() {
        return file;
    }

    /**
     * Closes both files and renames them into place; a segment without a frame is deleted instead.
     * True when a finished segment now exists.
     */
    boolean finish() throws IOException {
        try (media; times) {
            media.truncate(whole);
        }
        Path part = SegmentNames.partOf(file);
        Path timesPart = SegmentNames.partOf(SegmentNames.timesOf(file));
        if (frames == 0) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(timesPart);
            return false;
        }
        Files.move(timesPart, SegmentNames.timesOf(file), StandardCopyOption.ATOMIC_MOVE);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
