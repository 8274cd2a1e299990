package dev.rill.plugin.mjpeg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} found in one {@code .Mjpeg} file: the container's state, frame sizes, and
 * per frame what {@link JpegParser} and {@link Rfc2435Constraints} say, counted. Built once from
 * an {@link MjpegIndex}, reading one frame at a time; holds counts, not frames.
 */
final class ClipSurvey {

    /** Unreadable frames described one by one; beyond this they are only counted. */
    static final int MAX_LISTED_UNREADABLE = 20;

    /** Chroma sampling classes in the order reports list them. */
    static final List<String> SAMPLING_ORDER = List.of("4:2:0", "4:2:2", "4:4:4", "grey", "other");

    /**
     * Frame sizes in bytes of JPEG data (length fields not included).
     *
     * @param median the middle size, or the mean of the two middle sizes for an even count
     */
    record FrameSizes(int min, double median, int max, long total) {
    }

    /**
     * A frame whose JPEG structure {@link JpegParser} rejects.
     *
     * @param number  the frame's number, from 1 as the course's server counts
     * @param problem the parser's message
     */
    record UnreadableFrame(int number, String problem) {
    }

    /**
     * How the frames fit one course client's receive buffer.
     *
     * @param framesOver frames larger than {@link CourseClient#maxFrameBytes()}
     * @param largest    the largest frame in bytes
     */
    record ClientFit(CourseClient client, int framesOver, int largest) {
        boolean fits() {
            return framesOver == 0;
        }
    }

    private final String file;
    private final int frames;
    private final Optional<String> fault;
    private final FrameSizes sizes;
    private final Map<String, Integer> dimensions;
    private final Map<String, Integer> sampling;
    private final Map<String, Integer> coding;
    private final List<UnreadableFrame> unreadable;
    private final int unreadableCount;
    private final int carriedAsIs;
    private final Map<String, Integer> reencodeReasons;
    private final Map<CourseClient, ClientFit> clients;

    private ClipSurvey(String file, MjpegIndex index) throws IOException {
        this.file = file;
        this.frames = index.frameCount();
        this.fault = index.fault();
        int[] frameSizes = new int[frames];
        Arrays.setAll(frameSizes, index::frameSize);
        this.sizes = sizes(frameSizes);
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        Map<String, Integer> sampling = new LinkedHashMap<>();
        Map<String, Integer> coding = new LinkedHashMap<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        List<UnreadableFrame> unreadable = new ArrayList<>();
        int unreadableCount = 0;
        int carried = 0;
        // One frame in memory at a time, however large the file.
        for (int i = 0; i < frames; i++) {
            JpegImage image;
            try {
                image = JpegParser.parse(index.frameBytes(i));
            } catch (JpegFormatException e) {
                unreadableCount++;
                if (unreadable.size() < MAX_LISTED_UNREADABLE) {
                    unreadable.add(new UnreadableFrame(i + 1, e.getMessage()));
                }
                continue;
            }
            dimensions.merge(image.width() + "x" + image.height(), 1, Integer::sum);
            sampling.merge(samplingClass(image), 1, Integer::sum);
            coding.merge(image.process(), 1, Integer::sum);
            Optional<String> reason = Rfc2435Constraints.whyNot(image);
            if (reason.isPresent()) {
                reasons.merge(reason.get(), 1, Integer::sum);
            } else {
                carried++;
            }
        }
        this.dimensions = byCount(dimensions);
        this.sampling = Collections.unmodifiableMap(inOrder(sampling));
        this.coding = byCount(coding);
        this.reencodeReasons = byCount(reasons);
        this.unreadable = List.copyOf(unreadable);
        this.unreadableCount = unreadableCount;
        this.carriedAsIs = carried;
        Map<CourseClient, ClientFit> clients = new EnumMap<>(CourseClient.class);
        for (CourseClient client : CourseClient.values()) {
            int over = (int) Arrays.stream(frameSizes).filter(size -> size > client.maxFrameBytes()).count();
            clients.put(client, new ClientFit(client, over, sizes.max()));
        }
        this.clients = Collections.unmodifiableMap(clients);
    }

    /**
     * Surveys every frame of {@code index}.
     *
     * @param file what the report calls the file, e.g. the path the user gave
     * @throws IOException a frame cannot be read; the message names the file
     */
    static ClipSurvey of(String file, MjpegIndex index) throws IOException {
        if (file.isBlank()) {
            throw new IllegalArgumentException("file must not be blank");
        }
        return new ClipSurvey(file, index);
    }

    /**
     * "4:2:0", "4:2:2", "4:4:4" (three components, chroma sampled as stated), "grey" (one
     * component) or "other" (4:4:0, 4:1:1, two or four components, unusual factors).
     */
    static String samplingClass(JpegImage image) {
        if (image.components().size() == 1) {
            return "grey";
        }
        String sampling = image.chromaSubsampling();
        return SAMPLING_ORDER.contains(sampling) ? sampling : "other";
    }

    private static FrameSizes sizes(int[] frameSizes) {
        int[] sizes = frameSizes.clone();
        Arrays.sort(sizes);
        int middle = sizes.length / 2;
        double median = sizes.length % 2 == 1 ? sizes[middle] : (sizes[middle - 1] + (double) sizes[middle]) / 2;
        return new FrameSizes(sizes[0], median, sizes[sizes.length - 1], Arrays.stream(sizes).asLongStream().sum());
    }

    /** The entries sorted by count, largest first; ties keep their first-seen order. */
    private static Map<String, Integer> byCount(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, Integer> inOrder(Map<String, Integer> sampling) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String name : SAMPLING_ORDER) {
            if (sampling.containsKey(name)) {
                ordered.put(name, sampling.get(name));
            }
        }
        return ordered;
    }

    /** The file as the user named it. */
    String file() {
        return file;
    }

    /** Valid frames: those before the container's fault, if any. */
    int frames() {
        return frames;
    }

    /** Why the container stops early (file, frame number, what), as {@link MjpegIndex#fault()}. */
    Optional<String> fault() {
        return fault;
    }

    FrameSizes sizes() {
        return sizes;
    }

    /** Frame counts by "WxH", most common first; unreadable frames not counted. */
    Map<String, Integer> dimensions() {
        return dimensions;
    }

    /** Frame counts by {@link #samplingClass}, in {@link #SAMPLING_ORDER}. */
    Map<String, Integer> sampling() {
        return sampling;
    }

    /** Frame counts by coding process ("baseline", "progressive", ...), most common first. */
    Map<String, Integer> coding() {
        return coding;
    }

    /** The first {@link #MAX_LISTED_UNREADABLE} unreadable frames; {@link #unreadableCount()} counts all. */
    List<UnreadableFrame> unreadable() {
        return unreadable;
    }

    int unreadableCount() {
        return unreadableCount;
    }

    /** Frames RFC 2435 carries byte for byte. */
    int carriedAsIs() {
        return carriedAsIs;
    }

    /** Frame counts by the reason {@link Rfc2435Constraints} gives for re-encoding them, most common first. */
    Map<String, Integer> reencodeReasons() {
        return reencodeReasons;
    }

    ClientFit fit(CourseClient client) {
        return clients.get(client);
    }

    /** Playing time at {@code fps} frames per second; the container itself has no timing. */
    double durationSeconds(double fps) {
        return frames / fps;
    }

    /** True when the container is intact and every frame's JPEG can be read. */
    boolean clean() {
        return fault.isEmpty() && unreadableCount == 0;
    }
}
