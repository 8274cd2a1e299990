package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.rill.spi.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorder writes a live source's frames, with their times, into a segment finished on close. */
class RecorderTest {

    @TempDir
    Path dir;

    @Test
    void closingFinishesTheSegmentWithEveryFrameAndItsTime() throws IOException {
        FakeLiveSource source = new FakeLiveSource("cam");
        List<byte[]> jpegs = TestMedia.frames(5, 32, 32);
        SegmentNames names = new SegmentNames(dir, "/cams/door");
        Recorder recorder = new Recorder("/cams/door", new LiveTap(source), names, 600, 3);
        recorder.start();
        try {
            assertEquals(1, source.starts(), "recording starts the source, with no viewer");
            for (int i = 0; i < jpegs.size(); i++) {
                // Times on the source's clock, which need not start at 0: the sidecar counts from the first.
                source.push(new Frame(i, 7_000_000_000L + i * 40_000_000L, jpegs.get(i)));
                int pushed = i + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.recorded() == pushed);
            }
            source.push(new Frame(5, 7_300_000_000L, new byte[] {1, 2, 3, 4, 5}));   // not a JPEG: left out
            assertEquals(List.of(), names.finished(), "nothing is finished while the segment is written");
            assertEquals(1, names.partial().size(), "the segment is written under its .part name");
        } finally {
            recorder.close();
        }
        assertEquals(1, source.stops(), "the last reader gone, the source stops");
        List<Path> finished = names.finished();
        assertEquals(1, finished.size());
        assertTrue(Pattern.matches("cams-door-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.Mjpeg",
                finished.getFirst().getFileName().toString()), finished.toString());
        assertEquals(List.of(), names.partial());
        List<byte[]> written = TestMedia.readMjpeg(finished.getFirst());
        assertEquals(jpegs.size(), written.size());
        for (int i = 0; i < jpegs.size(); i++) {
            assertArrayEquals(jpegs.get(i), written.get(i));
        }
        assertEquals(List.of(Segment.TIMES_HEADER.strip(), "0", "40000000", "80000000", "120000000", "160000000"),
                Files.readAllLines(SegmentNames.timesOf(finished.getFirst())));
    }

    @Test
    void theRecorderAndTheViewersFeedShareOneStartOfTheSource() throws IOException {
        FakeLiveSource source = new FakeLiveSource("cam");
        LiveTap tap = new LiveTap(source);
        Recorder recorder = new Recorder("/door", tap, new SegmentNames(dir, "/door"), 600, 3);
        LiveFeed feed = new LiveFeed(tap, FakePayloadFormat.splitting(1000));
        recorder.start();
        feed.start();
        try {
            source.push(new Frame(0, 0, TestMedia.frames(1, 32, 32).getFirst()));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.recorded() == 1 && feed.newest().isPresent());
            assertEquals(1, source.starts(), "one source run for both");
        } finally {
            recorder.close();
        }
        assertEquals(0, source.stops(), "the viewers' feed still reads it");
        feed.close();
        assertEquals(1, source.stops());
    }

    @Test
    void bytesACameraSendsAfterTheEoiAreLeftOutAndOversizedFramesRefused() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, (byte) 0xFF, (byte) 0xD9};
        byte[] padded = {(byte) 0xFF, (byte) 0xD8, 1, 2, (byte) 0xFF, (byte) 0xD9, '\r', '\n'};
        assertArrayEquals(jpeg, Recorder.wholeJpeg(new Frame(0, jpeg)).orElseThrow());
        assertArrayEquals(jpeg, Recorder.wholeJpeg(new Frame(0, padded)).orElseThrow());
        assertTrue(Recorder.wholeJpeg(new Frame(0, new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0})).isEmpty(), "no EOI");
        byte[] huge = new byte[Segment.MAX_FRAME_BYTES + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[huge.length - 2] = (byte) 0xFF;
        huge[huge.length - 1] = (byte) 0xD9;
        assertTrue(Recorder.wholeJpeg(new Frame(0, huge)).isEmpty(), "more than 5 digits of length");
    }
}
