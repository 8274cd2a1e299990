package dev.rill.plugin.mjpeg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the frames of one {@code .Mjpeg} container are: per frame its size, and the position of
 * every {@link #FRAMES_PER_POSITION}th frame. The frames themselves stay in the file and are
 * read one at a time ({@link #frameBytes}); the index costs about 4 bytes a frame.
 *
 * <p>The container (the Kurose &amp; Ross lab format) is a plain repetition of
 * {@code [5 ASCII decimal digits: frame length N][N bytes: one JPEG]}, with no header, index or
 * timing. Each frame must be complete and run exactly from SOI ({@code FF D8}) to EOI
 * ({@code FF D9}): no padding after EOI is accepted, because no encoder of this format was found
 * to write any (both shared test files end every frame on {@code FF D9}). Indexing reads only
 * the length fields and the two bytes at each end of every frame.
 *
 * <p>Indexing stops at the first frame that breaks these rules: the frames before it are kept,
 * so a damaged file still plays up to the damage, and {@link #fault()} says what was wrong, with
 * the frame counted from 1 as the course's server counts it. One error is logged for it. A file
 * without a single valid frame is refused with an {@link IOException}.
 *
 * <p>Thread-safe: the tables never change after indexing, and reads are positional.
 */
final class MjpegIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegIndex.class);

    /** Characters of the length field before each frame. */
    static final int LENGTH_DIGITS = 5;
    /** Default largest file accepted: 1 GiB. */
    static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
    /**
     * The largest limit that can be configured: 1 TiB. Files are read a frame at a time, so what
     * bounds memory is the frame count ({@link #MAX_FRAMES}), not the file's size.
     */
    static final long MAX_SUPPORTED_FILE_BYTES = 1L << 40;
    /** SOI and EOI take two bytes each: no JPEG is shorter. */
    static final int MIN_FRAME_BYTES = 4;
    /**
     * Most frames one container may have (19 hours at 240 fps, 9 days at 20 fps): keeps the index
     * under 70 MB even for a file of the smallest frames. Frames past it are a fault.
     */
    static final int MAX_FRAMES = 1 << 24;
    /** Frames between two stored positions: finding a frame adds at most this many sizes. */
    static final int FRAMES_PER_POSITION = 64;
    /**
     * Bytes read at a time while indexing: the container is read sequentially, several frames a
     * read, skipping only past frames larger than this. Measured on 100 MB files (median, page
     * cache warm / dropped), against one 16-byte positional read per frame boundary: the shared
     * movie repeated (17,310 frames of 5.9 KB) 17 / 70 ms against 26 / 105 ms; 500-byte frames
     * 24 ms against 235 ms; 60 KB frames 11 / 132 ms against 4 / 117 ms. Never far behind, and
     * ten times ahead for small frames.
     */
    static final int SCAN_WINDOW_BYTES = 64 << 10;
    /** The smallest window: the end of one frame and the start of the next (2 + 5 + 2) with room. */
    static final int MIN_SCAN_WINDOW_BYTES = 16;

    private final String name;
    private final ContainerBacking backing;
    /** JPEG bytes of each frame, length fields not included. */
    private final int[] sizes;
    /** Position of the length field of frame {@code k * FRAMES_PER_POSITION}. */
    private final long[] positions;
    private final Optional<String> fault;

    private MjpegIndex(String name, ContainerBacking backing, int[] sizes, long[] positions, Optional<String> fault) {
        this.name = name;
        this.backing = backing;
        this.sizes = sizes;
        this.positions = positions;
        this.fault = fault;
    }

    /**
     * Opens and indexes a file, never reading past the size it had when opened. The index keeps
     * the file open until {@link #close()}.
     *
     * @param maxFileBytes files larger than this are refused, 1..{@link #MAX_SUPPORTED_FILE_BYTES}
     * @throws IOException the file cannot be read, is too large, is empty or has no valid frame;
     *                     the message names the file
     */
    static MjpegIndex read(Path file, long maxFileBytes) throws IOException {
        return read(file, maxFileBytes, SCAN_WINDOW_BYTES);
    }

    /** {@link #read(Path, long)} reading {@code windowBytes} at a time while indexing. */
    static MjpegIndex read(Path file, long maxFileBytes, int windowBytes) throws IOException {
        if (maxFileBytes < 1 || maxFileBytes > MAX_SUPPORTED_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be in [1, " + MAX_SUPPORTED_FILE_BYTES + "]: " + maxFileBytes);
        }
        if (windowBytes < MIN_SCAN_WINDOW_BYTES) {
            throw new IllegalArgumentException("scan window must be at least " + MIN_SCAN_WINDOW_BYTES + " bytes: " + windowBytes);
        }
        String name = String.valueOf(file.getFileName());
        ContainerBacking backing = ContainerBacking.open(file);
        try {
            if (backing.size() > maxFileBytes) {
                throw new IOException(file + ": " + backing.size() + " bytes is more than the limit of " + maxFileBytes
                        + " bytes (maxFileBytes)");
            }
            return index(name, backing, windowBytes);
        } catch (IOException | RuntimeException e) {
            backing.close();
            throw e;
        }
    }

    /**
     * Indexes a container held in memory; the index keeps {@code data}, which nobody may modify
     * after. For small containers such as the sample clip.
     *
     * @param name what logs and messages call it, e.g. the file name
     * @throws IOException {@code data} is empty or has no valid frame; the message names {@code name}
     */
    static MjpegIndex index(String name, byte[] data) throws IOException {
        return index(name, ContainerBacking.of(data), SCAN_WINDOW_BYTES);
    }

    private static MjpegIndex index(String name, ContainerBacking backing, int windowBytes) throws IOException {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        long size = backing.size();
        if (size == 0) {
            throw new IOException(name + ": empty file, no frames");
        }
        Window window = new Window(backing, windowBytes);
        int[] sizes = new int[1024];
        int count = 0;
        Optional<String> problem = Optional.empty();
        long position = 0;
        // Every pass either stops or consumes at least LENGTH_DIGITS + MIN_FRAME_BYTES bytes.
        while (position < size && problem.isEmpty()) {
            FrameCheck check = count == MAX_FRAMES
                    ? new FrameCheck.Invalid("more than " + MAX_FRAMES + " frames, the most one file may have")
                    : checkFrame(window, position);
            switch (check) {
                case FrameCheck.Valid(int length) -> {
                    if (count == sizes.length) {
                        sizes = Arrays.copyOf(sizes, Math.min(MAX_FRAMES, count + (count >> 1)));
                    }
                    sizes[count++] = length;
                    position += LENGTH_DIGITS + length;
                }
                case FrameCheck.Invalid(String why) -> problem = Optional.of(name + ": frame " + (count + 1) + ": " + why);
            }
        }
        if (count == 0) {
            throw new IOException(name + ": no valid frame; " + problem.orElseThrow());
        }
        int frames = count;
        problem.ifPresent(p -> LOG.error("{}; the stream ends after frame {}, the last valid one", p, frames));
        sizes = Arrays.copyOf(sizes, count);
        return new MjpegIndex(name, backing, sizes, positions(sizes), problem);
    }

    private static long[] positions(int[] sizes) {
        long[] positions = new long[(sizes.length + FRAMES_PER_POSITION - 1) / FRAMES_PER_POSITION];
        long position = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (i % FRAMES_PER_POSITION == 0) {
                positions[i / FRAMES_PER_POSITION] = position;
            }
            position += LENGTH_DIGITS + sizes[i];
        }
        return positions;
    }

    /** What the checks found of the frame whose length field starts at a position. */
    private sealed interface FrameCheck {
        /** @param length the JPEG's bytes, as announced and verified */
        record Valid(int length) implements FrameCheck {
        }

        record Invalid(String why) implements FrameCheck {
        }
    }

    /** What is wrong with the frame whose length field starts at {@code position}, if anything. */
    private static FrameCheck checkFrame(Window window, long position) throws IOException {
        long remaining = window.size() - position;
        if (remaining < LENGTH_DIGITS) {
            return new FrameCheck.Invalid("truncated length field: " + remaining + " of " + LENGTH_DIGITS + " bytes present");
        }
        byte[] bytes = window.bytes();
        int at = window.at(position, LENGTH_DIGITS);
        int length = 0;
        for (int i = 0; i < LENGTH_DIGITS; i++) {
            byte b = bytes[at + i];
            if (b < '0' || b > '9') {
                return new FrameCheck.Invalid("length field '" + printable(bytes, at, LENGTH_DIGITS) + "' is not "
                        + LENGTH_DIGITS + " decimal digits");
            }
            length = length * 10 + (b - '0');
        }
        long start = position + LENGTH_DIGITS;
        long present = window.size() - start;
        if (length == 0) {
            return new FrameCheck.Invalid("length is 0");
        }
        if (length > present) {
            return new FrameCheck.Invalid("truncated: " + length + " bytes announced, " + present + " present");
        }
        if (length < MIN_FRAME_BYTES) {
            return new FrameCheck.Invalid(length + " bytes is too short for a JPEG (SOI and EOI alone take "
                    + MIN_FRAME_BYTES + ")");
        }
        at = window.at(start, 2);
        if (!isMarker(bytes, at, 0xD8)) {
            return new FrameCheck.Invalid("does not start with SOI (FF D8) but with " + hex(bytes, at));
        }
        at = window.at(start + length - 2, 2);
        if (!isMarker(bytes, at, 0xD9)) {
            return new FrameCheck.Invalid("does not end with EOI (FF D9) but with " + hex(bytes, at));
        }
        return new FrameCheck.Valid(length);
    }

    private static boolean isMarker(byte[] bytes, int at, int marker) {
        return (bytes[at] & 0xFF) == 0xFF && (bytes[at + 1] & 0xFF) == marker;
    }

    private static String printable(byte[] data, int from, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            int b = data[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\' && b != '\'') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }

    private static String hex(byte[] data, int at) {
        return String.format("%02X %02X", data[at] & 0xFF, data[at + 1] & 0xFF);
    }

    /**
     * The bytes of the container around the indexing position: refilled from the position asked
     * for whenever the bytes asked for are not all in it.
     */
    private static final class Window {
        private final ContainerBacking backing;
        private final long size;
        private final byte[] bytes;
        private long start;
        private int filled;

        /** @param capacity at least {@link #MIN_SCAN_WINDOW_BYTES} */
        Window(ContainerBacking backing, int capacity) {
            this.backing = backing;
            this.size = backing.size();
            this.bytes = new byte[capacity];
        }

        long size() {
            return size;
        }

        byte[] bytes() {
            return bytes;
        }

        /**
         * Where in {@link #bytes()} the {@code count} bytes from {@code position} are, reading
         * them if needed. The caller has checked that the container has them.
         */
        int at(long position, int count) throws IOException {
            if (position < start || position + count > start + filled) {
                int n = (int) Math.min(bytes.length, size - position);
                backing.read(position, ByteBuffer.wrap(bytes, 0, n));
                start = position;
                filled = n;
            }
            return (int) (position - start);
        }
    }

    /** What logs and messages call this container, e.g. its file name. */
    String name() {
        return name;
    }

    /** How many valid frames there are; at least 1. */
    int frameCount() {
        return sizes.length;
    }

    /** Bytes of JPEG in frame {@code index} (from 0), without reading it. */
    int frameSize(int index) {
        return sizes[Objects.checkIndex(index, sizes.length)];
    }

    /**
     * Reads frame {@code index} (from 0): a new array of its JPEG bytes, SOI to EOI.
     *
     * @throws IndexOutOfBoundsException past the last frame
     * @throws java.nio.channels.ClosedChannelException after {@link #close()}
     * @throws IOException the read fails, or the bytes no longer run from SOI to EOI (the file
     *                     changed after it was indexed); the message names the container
     */
    byte[] frameBytes(int index) throws IOException {
        byte[] jpeg = new byte[frameSize(index)];
        backing.read(start(index), ByteBuffer.wrap(jpeg));
        if (!isMarker(jpeg, 0, 0xD8) || !isMarker(jpeg, jpeg.length - 2, 0xD9)) {
            throw new IOException(name + ": frame " + (index + 1)
                    + " no longer runs from SOI to EOI; the file changed after it was indexed");
        }
        return jpeg;
    }

    /** Where frame {@code index}'s JPEG starts in the container. */
    private long start(int index) {
        int first = index - index % FRAMES_PER_POSITION;
        long position = positions[index / FRAMES_PER_POSITION];
        for (int i = first; i < index; i++) {
            position += LENGTH_DIGITS + sizes[i];
        }
        return position + LENGTH_DIGITS;
    }

    /**
     * Why indexing stopped before the end of the data, e.g.
     * {@code "movie.Mjpeg: frame 577: truncated: 8188 bytes announced, 1200 present"}; empty when
     * every byte belonged to a valid frame.
     */
    Optional<String> fault() {
        return fault;
    }

    /** Bytes of the tables this index keeps on the heap (sizes and positions), media not included. */
    long indexBytes() {
        return (long) Integer.BYTES * sizes.length + (long) Long.BYTES * positions.length;
    }

    /** Bytes of media this index keeps on the heap: 0 for a file, the whole container for one held in memory. */
    long heldMediaBytes() {
        return backing.heldBytes();
    }

    /** Closes the file; reads after this throw {@link java.nio.channels.ClosedChannelException}. Idempotent. */
    @Override
    public void close() {
        backing.close();
    }
}
