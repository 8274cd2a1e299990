package dev.rill.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An RTSP request corpus in the layout of AFLNet's live555 seeds: {@code in-rtsp/},
 * {@code in-rtsp-replay/} and {@code poc/}. The seed tests run on the one {@link GeneratedSeeds}
 * writes, always, and on the shared one in {@code <rill.sharedDir>/rtsp-seeds} when it is there
 * (read in place, never copied into the project).
 *
 * @param label    how the test names show it
 * @param root     the directory that holds the three folders
 * @param requests the requests in each recorded sequence, by file name, known apart from the decoder
 */
record SeedCorpus(String label, Path root, Map<String, Integer> requests) {

    /** Requests per recorded sequence of the shared corpus, from its README. */
    private static final Map<String, Integer> SHARED_REQUESTS = Map.of(
            "rtsp_requests_aac.raw", 3, "rtsp_requests_ac3.raw", 3, "rtsp_requests_mkv.raw", 5,
            "rtsp_requests_mp3.raw", 4, "rtsp_requests_mpg.raw", 5, "rtsp_requests_wav.raw", 4,
            "rtsp_requests_webm.raw", 5);

    /** The generated corpus, written under {@code scratch}, then the shared one if present. */
    static List<SeedCorpus> available(Path scratch) throws IOException {
        List<SeedCorpus> corpora = new ArrayList<>();
        corpora.add(generated(scratch));
        shared().ifPresent(corpora::add);
        return corpora;
    }

    static SeedCorpus generated(Path scratch) throws IOException {
        Path root = scratch.resolve("generated-rtsp-seeds");
        if (!Files.isDirectory(root)) {
            GeneratedSeeds.write(root);
        }
        Map<String, Integer> requests = GeneratedSeeds.sequences().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
        return new SeedCorpus("generated corpus", root, requests);
    }

    /** The live555 seeds in {@code <rill.sharedDir>/rtsp-seeds}, when that directory exists. */
    static Optional<SeedCorpus> shared() {
        return Optional.ofNullable(System.getProperty("rill.sharedDir"))
                .map(dir -> Path.of(dir, "rtsp-seeds"))
                .filter(Files::isDirectory)
                .map(seeds -> new SeedCorpus("live555 seeds in ../shared", seeds, SHARED_REQUESTS));
    }

    Path recorded(String name) {
        return root.resolve("in-rtsp").resolve(name);
    }

    Path replay(String name) {
        return root.resolve("in-rtsp-replay").resolve(name);
    }

    Path poc(String name) {
        return root.resolve("poc").resolve(name);
    }

    @Override
    public String toString() {
        return label;
    }
}
