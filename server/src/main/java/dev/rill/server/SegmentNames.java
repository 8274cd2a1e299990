package dev.rill.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names of one mount's recording in its directory: a segment is
 * {@code <name>-<UTC start>.Mjpeg}, e.g. {@code door-2026-12-02T10-00-00Z.Mjpeg} for the mount
 * {@code /door} ({@code cams-door-...} for {@code /cams/door}), with its frame times in
 * {@code <segment>.times} beside it. While written, both carry {@link #PART} at the end, a name
 * the media directory does not serve. A second segment begun within the same second of the
 * first gets {@code -2} (then {@code -3}, ...) after the time.
 */
final class SegmentNames {

    /** Ends the name of a segment (or its times) still being written. */
    static final String PART = ".part";
    /** The container, as the {@code .Mjpeg} provider recognises it. */
    static final String EXTENSION = ".Mjpeg";
    /** Ends the name of a segment's frame times, after the segment's own name. */
    static final String TIMES = ".times";
    /** Same-second segments told apart by a number: bounded, so a clock stuck in one second cannot loop forever. */
    private static final int MAX_SAME_SECOND = 1000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String prefix;
    private final Pattern finished;
    private final Pattern partial;

    /** @param mountPath the mount's URL path; it names the files, {@code /} turned into {@code -} */
    SegmentNames(Path directory, String mountPath) {
        this.directory = directory;
        this.prefix = prefixOf(mountPath);
        String stamp = Pattern.quote(prefix) + "-(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ)(?:-(\\d{1,4}))?"
                + Pattern.quote(EXTENSION);
        this.finished = Pattern.compile(stamp);
        this.partial = Pattern.compile(stamp + Pattern.quote(PART));
    }

    /** {@code /cams/door} is {@code cams-door}; characters a file name should not carry become {@code _}. */
    static String prefixOf(String mountPath) {
        return mountPath.substring(1).replace('/', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    }

    String prefix() {
        return prefix;
    }

    Path directory() {
        return directory;
    }

    /** A name for a segment begun at {@code start} (to the second) that no file of the directory has yet. */
    Path fresh(Instant start) throws IOException {
        String base = prefix + "-" + STAMP.format(start.truncatedTo(ChronoUnit.SECONDS));
        for (int n = 1; n <= MAX_SAME_SECOND; n++) {
            Path segment = directory.resolve(base + (n == 1 ? "" : "-" + n) + EXTENSION);
            if (!Files.exists(segment) && !Files.exists(partOf(segment)) && !Files.exists(timesOf(segment))) {
                return segment;
            }
        }
        throw new IOException(directory + ": " + MAX_SAME_SECOND + " segments of " + prefix + " begun at " + base);
    }

    static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + PART);
    }

    static Path timesOf(Path segment) {
        return segment.resolveSibling(segment.getFileName() + TIMES);
    }

    /** The finished segments of this mount, oldest first. */
    List<Path> finished() throws IOException {
        return list(finished);
    }

    /** Segments of this mount left half-written ({@code .Mjpeg.part}) by a server that did not stop cleanly. */
    List<Path> partial() throws IOException {
        return list(partial);
    }

    private List<Path> list(Pattern pattern) throws IOException {
        record Named(Path file, String stamp, int number) {
        }
        List<Named> found = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = pattern.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    found.add(new Named(file, m.group(1), m.group(2) == null ? 1 : Integer.parseInt(m.group(2))));
                }
            }
        }
        found.sort(Comparator.comparing(Named::stamp).thenComparingInt(Named::number));
        return found.stream().map(Named::file).toList();
    }

    /** The finished name of a part file: {@code x.Mjpeg.part} is {@code x.Mjpeg}. */
    static Optional<Path> finishedName(Path part) {
        String name = part.getFileName().toString();
        return name.endsWith(PART)
                ? Optional.of(part.resolveSibling(name.substring(0, name.length() - PART.length())))
                : Optional.empty();
    }
}
