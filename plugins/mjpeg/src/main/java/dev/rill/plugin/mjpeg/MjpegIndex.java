package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The frames of one {@code .Mjpeg} container, read once and held in memory.
 *
 * <p>The container (the Kurose &amp; Ross lab format) is a plain repetition of
 * {@code [5 ASCII decimal digits: frame length N][N bytes: one JPEG]}, with no header, index or
 * timing. Each frame must be complete and run exactly from SOI ({@code FF D8}) to EOI
 * ({@code FF D9}): no padding after EOI is accepted, because no encoder of this format was found
 * to write any (both shared test files end every frame on {@code FF D9}).
 *
 * <p>Indexing stops at the first frame that breaks these rules: the frames before it are kept,
 * so a damaged file still plays up to the damage, and {@link #fault()} says what was wrong, with
 * the frame counted from 1 as the course's server counts it. One error is logged for it. A file
 * without a single valid frame is refused with an {@link IOException}.
 *
 * <p>Immutable and thread-safe once built; the {@link Frame} objects are shared by every session.
 */
final class MjpegIndex {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegIndex.class);

    /** Characters of the length field before each frame. */
    static final int LENGTH_DIGITS = 5;
    /** Default largest file accepted: 1 GiB. */
    static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
    /** Largest file that fits one Java array, and so the largest limit that can be configured. */
    static final long MAX_SUPPORTED_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** SOI and EOI take two bytes each: no JPEG is shorter. */
    static final int MIN_FRAME_BYTES = 4;

    private final String name;
    private final List<Frame> frames;
    private final Optional<String> fault;

    private MjpegIndex(String name, List<Frame> frames, Optional<String> fault) {
        this.name = name;
        this.frames = List.copyOf(frames);
        this.fault = fault;
    }

    /**
     * Reads and indexes a file, never reading more than its size.
     *
     * @param maxFileBytes files larger than this are refused, 1..{@link #MAX_SUPPORTED_FILE_BYTES}
     * @throws IOException the file cannot be read, is too large, is empty or has no valid frame;
     *                     the message names the file
     */
    static MjpegIndex read(Path file, long maxFileBytes) throws IOException {
        if (maxFileBytes < 1 || maxFileBytes > MAX_SUPPORTED_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be in [1, " + MAX_SUPPORTED_FILE_BYTES + "]: " + maxFileBytes);
        }
        String name = String.valueOf(file.getFileName());
        long size = Files.size(file);
        if (size > maxFileBytes) {
            throw new IOException(file + ": " + size + " bytes is more than the limit of " + maxFileBytes
                    + " bytes (maxFileBytes)");
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            // readNBytes stops at the size seen above even if the file grows meanwhile.
            data = in.readNBytes((int) size);
        }
        return index(name, data);
    }

    /**
     * Indexes a container held in memory.
     *
     * @param name what logs and messages call it, e.g. the file name
     * @param data the whole container; copied out frame by frame, not kept
     * @throws IOException {@code data} is empty or has no valid frame; the message names {@code name}
     */
    static MjpegIndex index(String name, byte[] data) throws IOException {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (data.length == 0) {
            throw new IOException(name + ": empty file, no frames");
        }
        List<Frame> frames = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        int position = 0;
        // Every pass either stops or consumes at least LENGTH_DIGITS + MIN_FRAME_BYTES bytes.
        while (position < data.length && problem.isEmpty()) {
            int number = frames.size() + 1;
            problem = checkFrame(data, position);
            if (problem.isEmpty()) {
                int length = lengthAt(data, position);
                int start = position + LENGTH_DIGITS;
                frames.add(new Frame(number - 1, Arrays.copyOfRange(data, start, start + length)));
                position = start + length;
            } else {
                problem = Optional.of(name + ": frame " + number + ": " + problem.get());
            }
        }
        if (frames.isEmpty()) {
            throw new IOException(name + ": no valid frame; " + problem.orElseThrow());
        }
        problem.ifPresent(p -> LOG.error("{}; the stream ends after frame {}, the last valid one", p, frames.size()));
        return new MjpegIndex(name, frames, problem);
    }

    /** What is wrong with the frame whose length field starts at {@code position}, if anything. */
    private static Optional<String> checkFrame(byte[] data, int position) {
        int remaining = data.length - position;
        if (remaining < LENGTH_DIGITS) {
            return Optional.of("truncated length field: " + remaining + " of " + LENGTH_DIGITS + " bytes present");
        }
        for (int i = 0; i < LENGTH_DIGITS; i++) {
            byte b = data[position + i];
            if (b < '0' || b > '9') {
                return Optional.of("length field '" + printable(data, position, LENGTH_DIGITS) + "' is not "
                        + LENGTH_DIGITS + " decimal digits");
            }
        }
        int length = lengthAt(data, position);
        int start = position + LENGTH_DIGITS;
        int present = data.length - start;
        if (length == 0) {
            return Optional.of("length is 0");
        }
        if (length > present) {
            return Optional.of("truncated: " + length + " bytes announced, " + present + " present");
        }
        if (length < MIN_FRAME_BYTES) {
            return Optional.of(length + " bytes is too short for a JPEG (SOI and EOI alone take " + MIN_FRAME_BYTES + ")");
        }
        if ((data[start] & 0xFF) != 0xFF || (data[start + 1] & 0xFF) != 0xD8) {
            return Optional.of("does not start with SOI (FF D8) but with " + hex(data, start));
        }
        int end = start + length - 2;
        if ((data[end] & 0xFF) != 0xFF || (data[end + 1] & 0xFF) != 0xD9) {
            return Optional.of("does not end with EOI (FF D9) but with " + hex(data, end));
        }
        return Optional.empty();
    }

    /** The value of the length field at {@code position}, whose digits were checked. */
    private static int lengthAt(byte[] data, int position) {
        int length = 0;
        for (int i = 0; i < LENGTH_DIGITS; i++) {
            length = length * 10 + (data[position + i] - '0');
        }
        return length;
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

    /** What logs and messages call this container, e.g. its file name. */
    String name() {
        return name;
    }

    /** The valid frames, in order, indexed from 0; never empty. */
    List<Frame> frames() {
        return frames;
    }

    /**
     * Why indexing stopped before the end of the data, e.g.
     * {@code "movie.Mjpeg: frame 577: truncated: 8188 bytes announced, 1200 present"}; empty when
     * every byte belonged to a valid frame.
     */
    Optional<String> fault() {
        return fault;
    }
}
