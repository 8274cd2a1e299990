package dev.rill.plugin.mjpeg;

import dev.rill.spi.FrameClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame times a recording keeps beside its segment ({@code door-...Mjpeg.times}), so that
 * replay keeps the live timing: ASCII lines, one per frame in order, each the frame's time in
 * nanoseconds from the segment's first frame as a decimal integer; lines starting with {@code #}
 * are comments. Times must not go backwards. A sidecar with fewer times than the segment has
 * frames (a killed recorder) times the rest at the recorded average rate after the last one;
 * times past the last frame are ignored. A sidecar that breaks these rules is logged and the
 * clip plays at its steady rate.
 */
final class RecordedTimes implements ClipTiming {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedTimes.class);
    /** Ends the sidecar's name, after the clip's own. */
    static final String SUFFIX = ".times";
    /** Bytes a sidecar may have per frame: 19 digits and a line end, with room for comments. */
    private static final long MAX_BYTES_PER_FRAME = 64;
    private static final int MAX_LINE = 4096;

    /** Times of the first frames, from 0, never falling. */
    private final long[] times;
    /** Frames past those times, and the average rate. */
    private final FrameClock after;

    RecordedTimes(long[] times, double fallbackFps) {
        if (times.length == 0) {
            throw new IllegalArgumentException("no frame times");
        }
        this.times = times.clone();
        long span = times[times.length - 1] - times[0];
        double measured = times.length > 1 && span > 0 ? (times.length - 1) * 1e9 / span : fallbackFps;
        this.after = new FrameClock(Double.isFinite(measured) && measured > 0 ? measured : fallbackFps);
    }

    /** The sidecar beside {@code clip}. */
    static Path sidecarOf(Path clip) {
        return clip.resolveSibling(clip.getFileName() + SUFFIX);
    }

    /**
     * The times beside {@code clip}, if it has a usable sidecar: at most {@code frames} of them.
     * Empty when there is none; a sidecar that cannot be used is logged.
     */
    static Optional<ClipTiming> read(Path clip, int frames, double fallbackFps) {
        Path sidecar = sidecarOf(clip);
        try {
            if (!Files.isRegularFile(sidecar)) {
                return Optional.empty();
            }
            long size = Files.size(sidecar);
            if (size > (frames + 1L) * MAX_BYTES_PER_FRAME) {
                throw new IOException(size + " bytes is too much for " + frames + " frames");
            }
            long[] times = new long[frames];
            int count = 0;
            try (BufferedReader in = Files.newBufferedReader(sidecar, StandardCharsets.US_ASCII)) {
                int lineNumber = 0;
                for (String line = in.readLine(); line != null && count < frames; line = in.readLine()) {
                    lineNumber++;
                    if (line.startsWith("#")) {
                        continue;
                    }
                    if (line.length() > MAX_LINE || !line.matches("\\d{1,18}")) {
                        throw new IOException("line " + lineNumber + " is not a time in nanoseconds");
                    }
                    long t = Long.parseLong(line);
                    if (count > 0 && t < times[count - 1]) {
                        throw new IOException("line " + lineNumber + ": time " + t + " is before the one above it");
                    }
                    times[count++] = t;
                }
            }
            if (count == 0) {
                throw new IOException("no frame times");
            }
            if (count < frames) {
                LOG.warn("{}: times for {} of {} frames; the rest follow at the recorded rate", sidecar.getFileName(),
                        count, frames);
            }
            long first = times[0];
            long[] relative = Arrays.stream(times, 0, count).map(t -> t - first).toArray();
            return Optional.of(new RecordedTimes(relative, fallbackFps));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: frame times not used, the clip plays at {} fps: {}", sidecar, fallbackFps, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public long timeOf(long index) {
        int last = times.length - 1;
        return index <= last ? times[(int) Math.max(0, index)] : times[last] + after.timeOf(index - last);
    }

    @Override
    public long indexAt(long timeNanos) {
        int last = times.length - 1;
        if (timeNanos >= times[last]) {
            return last + after.indexAt(timeNanos - times[last]);
        }
        int i = Arrays.binarySearch(times, timeNanos);
        if (i >= 0) {
            // Equal times: the last frame of them.
            while (i < last && times[i + 1] == timeNanos) {
                i++;
            }
            return i;
        }
        return Math.max(0, -i - 2);
    }

    /** The recorded average rate. */
    @Override
    public double fps() {
        return after.fps();
    }
}
