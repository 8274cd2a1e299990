package dev.rill.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of segments a server left half-written when it was killed: each
 * {@code .Mjpeg.part} is cut after its last whole frame (length field, then a JPEG from SOI to
 * EOI), its times after as many lines as frames, and both are renamed into place; a part without
 * a whole frame is deleted. Each repair is logged.
 */
final class SegmentRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

    /** The whole frames at the start of a container: how many, and the bytes they take. */
    private record Whole(long frames, long bytes) {
    }

    private SegmentRecovery() {
    }

    /** Repairs every half-written segment of {@code names}; a segment that cannot be repaired is logged and left. */
    static void recover(SegmentNames names) throws IOException {
        for (Path part : names.partial()) {
            try {
                recoverOne(part);
            } catch (IOException e) {
                LOG.error("{}: cannot recover this half-written segment: {}", part, e.toString());
            }
        }
    }

    private static void recoverOne(Path part) throws IOException {
        Path segment = SegmentNames.finishedName(part).orElseThrow();
        Path timesPart = SegmentNames.partOf(SegmentNames.timesOf(segment));
        long size = Files.size(part);
        Whole whole;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            whole = wholeFrames(channel, size);
            channel.truncate(whole.bytes());
        }
        long frames = whole.frames();
        if (frames == 0) {
            Files.delete(part);
            Files.deleteIfExists(timesPart);
            LOG.warn("{}: half-written segment without a whole frame ({} bytes), deleted", part, size);
            return;
        }
        long timed = 0;
        if (Files.isRegularFile(timesPart)) {
            timed = cutTimes(timesPart, frames);
            Files.move(timesPart, SegmentNames.timesOf(segment), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(part, segment, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("{}: recovered a half-written segment: {} whole frames ({} of {} bytes kept), {} frame times",
                segment.getFileName(), frames, whole.bytes(), size, timed);
    }

    private static Whole wholeFrames(FileChannel channel, long size) throws IOException {
        long frames = 0;
        long position = 0;
        ByteBuffer field = ByteBuffer.allocate(Segment.LENGTH_DIGITS);
        ByteBuffer marker = ByteBuffer.allocate(2);
        // Each pass moves on by at least LENGTH_DIGITS + 4 bytes, or stops.
        while (position + Segment.LENGTH_DIGITS + 4 <= size) {
            int length = 0;
            read(channel, field.clear(), position);
            for (int i = 0; i < Segment.LENGTH_DIGITS; i++) {
                byte b = field.get(i);
                if (b < '0' || b > '9') {
                    return new Whole(frames, position);
                }
                length = length * 10 + (b - '0');
            }
            long start = position + Segment.LENGTH_DIGITS;
            if (length < 4 || start + length > size
                    || !isMarker(channel, marker, start, 0xD8) || !isMarker(channel, marker, start + length - 2, 0xD9)) {
                return new Whole(frames, position);
            }
            position = start + length;
            frames++;
        }
        return new Whole(frames, position);
    }

    private static boolean isMarker(FileChannel channel, ByteBuffer marker, long at, int code) throws IOException {
        read(channel, marker.clear(), at);
        return (marker.get(0) & 0xFF) == 0xFF && (marker.get(1) & 0xFF) == code;
    }

    private static void read(FileChannel channel, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, at + into.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** Cuts the times after the {@code frames}th time line (and any partial line); returns the time lines kept. */
    private static long cutTimes(Path times, long frames) throws IOException {
        long keep = 0;
        long lines = 0;
        long position = 0;
        boolean comment = false;
        boolean lineStart = true;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(times))) {
            for (int b = in.read(); b >= 0 && lines < frames; b = in.read()) {
                position++;
                if (lineStart) {
                    comment = b == '#';
                }
                lineStart = b == '\n';
                if (lineStart) {
                    if (!comment) {
                        lines++;
                    }
                    keep = position;
                }
            }
        }
        try (FileChannel channel = FileChannel.open(times, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
        return lines;
    }
}
