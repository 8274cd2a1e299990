package dev.rill.plugin.mjpeg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a {@code .Mjpeg} container ({@link MjpegIndex} describes it) from JPEG files: each
 * file's bytes, unchanged, behind its 5-digit length. Every file is checked before it goes in
 * (SOI first, EOI last, at most {@link #MAX_FRAME_BYTES}), and the container is written to a
 * temporary file next to the output and moved into place only when every frame is in, so a
 * refused input leaves nothing behind and a reader never sees half a file.
 */
final class MjpegPacker {

    /** The largest frame the 5-digit length field can announce. */
    static final int MAX_FRAME_BYTES = 99_999;
    /** Most JPEG files one run packs: a million frames is 14 hours at 20 fps. */
    static final int MAX_FILES = 1_000_000;
    /** Random temporary names tried before giving up; a clash is already unlikely at the first. */
    private static final int TEMPORARY_ATTEMPTS = 8;

    /**
     * What was written.
     *
     * @param frames         frames in the container
     * @param jpegBytes      bytes of JPEG data, length fields not counted
     * @param containerBytes size of the container
     * @param overJavaClient the frames larger than the course's Java client takes, in order
     */
    record Packed(int frames, long jpegBytes, long containerBytes, List<PackedFrame> overJavaClient) {
        Packed {
            overJavaClient = List.copyOf(overJavaClient);
        }
    }

    /** A frame and the file it came from. */
    record PackedFrame(Path file, int bytes) {
    }

    private MjpegPacker() {
    }

    /**
     * The {@code *.jpg} and {@code *.jpeg} regular files of {@code dir} (extension in any case,
     * no subdirectories), in {@link NaturalNameOrder} of their names.
     *
     * @throws IOException {@code dir} cannot be listed, holds none, or holds more than
     *                     {@link #MAX_FILES}; the message names {@code dir}
     */
    static List<Path> jpegFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, MjpegPacker::isJpegName)) {
            for (Path entry : entries) {
                if (!Files.isRegularFile(entry)) {
                    continue;
                }
                if (files.size() == MAX_FILES) {
                    throw new IOException(dir + ": more than " + ClipSurveyText.thousands(MAX_FILES) + " JPEG files");
                }
                files.add(entry);
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no *.jpg or *.jpeg files");
        }
        files.sort((a, b) -> NaturalNameOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()));
        return files;
    }

    static boolean isJpegName(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /**
     * Writes {@code files} as the frames of a container at {@code out}, in the given order.
     *
     * @param replace whether an existing {@code out} is replaced; without it an existing file is
     *                an error, even one created while packing
     * @throws IOException a file is no JPEG or too large (the message names it and says why),
     *                     {@code out} exists, or reading or writing fails; {@code out} is then
     *                     untouched
     */
    static Packed pack(List<Path> files, Path out, boolean replace) throws IOException {
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("between 1 and " + MAX_FILES + " files: " + files.size());
        }
        Path target = out.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(out + ": the directory " + parent + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(out + ": is a directory");
        }
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(out + ": exists (use --force to replace it)");
        }
        Path temporary = createTemporary(target);
        try {
            Packed packed = write(files, temporary);
            moveIntoPlace(temporary, target, replace, out);
            return packed;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty file next to {@code target}. Not {@link Files#createTempFile}: that makes the
     * file readable by its owner only, and the container would keep those permissions after the
     * move; {@link Files#createFile} applies the process's usual umask instead.
     */
    private static Path createTemporary(Path target) throws IOException {
        FileAlreadyExistsException taken = null;
        for (int attempt = 0; attempt < TEMPORARY_ATTEMPTS; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            try {
                return Files.createFile(target.resolveSibling("." + target.getFileName() + "." + suffix + ".part"));
            } catch (FileAlreadyExistsException e) {
                taken = e;
            }
        }
        throw new IOException(target + ": no free temporary file name after " + TEMPORARY_ATTEMPTS + " attempts", taken);
    }

    private static Packed write(List<Path> files, Path temporary) throws IOException {
        long jpegBytes = 0;
        List<PackedFrame> large = new ArrayList<>();
        try (OutputStream container = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
            for (Path file : files) {
                byte[] jpeg = readFrame(file);
                container.write(String.format(Locale.ROOT, "%05d", jpeg.length).getBytes(StandardCharsets.US_ASCII));
                container.write(jpeg);
                jpegBytes += jpeg.length;
                if (jpeg.length > CourseClient.JAVA.maxFrameBytes()) {
                    large.add(new PackedFrame(file, jpeg.length));
                }
            }
        }
        return new Packed(files.size(), jpegBytes, jpegBytes + (long) MjpegIndex.LENGTH_DIGITS * files.size(), large);
    }

    /** The bytes of one JPEG file, checked as {@link MjpegIndex} will check them. */
    static byte[] readFrame(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FRAME_BYTES) {
            throw new IOException(file + ": " + ClipSurveyText.thousands(size) + " bytes, more than the "
                    + ClipSurveyText.thousands(MAX_FRAME_BYTES) + " a frame of a .Mjpeg file can have (5-digit length)");
        }
        byte[] jpeg;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than allowed, so that a file that grew since Files.size is still caught.
            jpeg = in.readNBytes(MAX_FRAME_BYTES + 1);
        }
        if (jpeg.length > MAX_FRAME_BYTES) {
            throw new IOException(file + ": more than " + ClipSurveyText.thousands(MAX_FRAME_BYTES) + " bytes");
        }
        if (jpeg.length < MjpegIndex.MIN_FRAME_BYTES) {
            throw new IOException(file + ": not a JPEG: " + jpeg.length + " bytes");
        }
        if (u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
            throw new IOException(file + ": not a JPEG: starts with " + hex(jpeg, 0) + ", not SOI (FF D8)");
        }
        int end = jpeg.length - 2;
        if (u8(jpeg, end) != 0xFF || u8(jpeg, end + 1) != 0xD9) {
            throw new IOException(file + ": not a complete JPEG: ends with " + hex(jpeg, end)
                    + ", not EOI (FF D9); a .Mjpeg frame must end on EOI");
        }
        return jpeg;
    }

    private static void moveIntoPlace(Path temporary, Path target, boolean replace, Path out) throws IOException {
        if (!replace) {
            // A plain move refuses an existing target, including one created while packing.
            try {
                Files.move(temporary, target);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(out + ": exists (use --force to replace it)");
            }
            return;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int u8(byte[] data, int at) {
        return data[at] & 0xFF;
    }

    private static String hex(byte[] data, int at) {
        return String.format(Locale.ROOT, "%02X %02X", u8(data, at), u8(data, at + 1));
    }
}
