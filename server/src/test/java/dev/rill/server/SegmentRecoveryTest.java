package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed recorder left is cut to its whole frames and times and put in place; an empty part is deleted. */
class SegmentRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aPartCutMidFrameKeepsItsWholeFramesAndAsManyTimes() throws IOException {
        List<byte[]> frames = TestMedia.frames(3, 32, 32);
        SegmentNames names = new SegmentNames(dir, "/door");
        Path segment = dir.resolve("door-2026-12-02T10-00-00Z.Mjpeg");
        Path part = SegmentNames.partOf(segment);
        TestMedia.writeMjpeg(part, frames);
        byte[] third = frames.get(2);
        // The third frame's write cut short, its time never written, and a time line half-written.
        Files.write(part, Arrays.copyOf(Files.readAllBytes(part), (int) Files.size(part) - third.length / 2));
        Files.writeString(SegmentNames.partOf(SegmentNames.timesOf(segment)), Segment.TIMES_HEADER + "0\n50000000\n1000");

        SegmentRecovery.recover(names);

        assertEquals(List.of(segment), names.finished());
        assertFalse(Files.exists(part));
        List<byte[]> kept = TestMedia.readMjpeg(segment);
        assertEquals(2, kept.size());
        assertArrayEquals(frames.get(0), kept.get(0));
        assertArrayEquals(frames.get(1), kept.get(1));
        assertEquals(Segment.TIMES_HEADER + "0\n50000000\n",
                Files.readString(SegmentNames.timesOf(segment), StandardCharsets.US_ASCII));
    }

    @Test
    void extraTimesAreCutAndAPartWithoutAWholeFrameIsDeleted() throws IOException {
        SegmentNames names = new SegmentNames(dir, "/door");
        Path one = dir.resolve("door-2026-12-02T10-00-00Z.Mjpeg");
        TestMedia.writeMjpeg(SegmentNames.partOf(one), TestMedia.frames(1, 32, 32));
        Files.writeString(SegmentNames.partOf(SegmentNames.timesOf(one)), Segment.TIMES_HEADER + "0\n40000000\n");
        Path empty = dir.resolve("door-2026-12-02T10-10-00Z.Mjpeg");
        Files.write(SegmentNames.partOf(empty), "001".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(SegmentNames.partOf(SegmentNames.timesOf(empty)), Segment.TIMES_HEADER);
        Path otherMount = dir.resolve("door-2-2026-12-02T10-00-00Z.Mjpeg.part");
        Files.write(otherMount, new byte[] {1}, StandardOpenOption.CREATE_NEW);

        SegmentRecovery.recover(names);

        assertEquals(List.of(one), names.finished());
        assertEquals(Segment.TIMES_HEADER + "0\n", Files.readString(SegmentNames.timesOf(one)));
        assertFalse(Files.exists(SegmentNames.partOf(empty)));
        assertFalse(Files.exists(SegmentNames.partOf(SegmentNames.timesOf(empty))));
        assertEquals(1, Files.size(otherMount), "another mount's part is that mount's to recover");
    }
}
