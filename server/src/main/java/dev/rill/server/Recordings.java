package dev.rill.server;

import dev.rill.spi.LiveSource;
import dev.rill.spi.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorders of the mounts whose config has a {@code "record"}. Made at start-up, where the
 * config is checked (live mounts only; a directory that exists or can be made, and is writable;
 * no two mounts writing the same names) and half-written segments a killed server left are
 * repaired ({@link SegmentRecovery}); {@link #start} starts the recorders, {@link #close} finishes
 * their segments.
 */
final class Recordings implements AutoCloseable {

    /** What one recorder needs once the feeds exist. */
    private record Plan(Mount mount, LiveSource source, SegmentNames names, ServerConfig.RecordConfig config) {
    }

    private final List<Plan> plans;
    /** By mount path; filled by {@link #start}. */
    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

    private Recordings(List<Plan> plans) {
        this.plans = plans;
    }

    static Recordings none() {
        return new Recordings(List.of());
    }

    /** Checks every {@code "record"} of the config and repairs what a killed server left. */
    static Recordings open(ServerConfig config, String configName, MountTable mounts, Path baseDirectory)
            throws ConfigException {
        List<Plan> plans = new ArrayList<>();
        Map<String, String> taken = new HashMap<>();
        for (ServerConfig.MountConfig mc : config.mounts()) {
            if (mc.recording().isEmpty()) {
                continue;
            }
            ServerConfig.RecordConfig record = mc.recording().get();
            String where = configName + ": mount " + mc.path() + ": record: ";
            Mount mount = mounts.resolve(mc.path()).orElseThrow();
            if (!(mount.source() instanceof LiveSource live)) {
                throw new ConfigException(where + "recording is for live mounts (a camera, a relay, the test card); "
                        + mount.source().describe() + " is a stored file, which is already on disk");
            }
            Path directory = writableDirectory(where, baseDirectory, record.directory());
            SegmentNames names = new SegmentNames(directory, mc.path());
            String other = taken.putIfAbsent(directory.resolve(names.prefix()).toString(), mc.path());
            if (other != null) {
                throw new ConfigException(where + "its segments would have the same names as those of mount " + other
                        + " (" + names.prefix() + "-...) in " + directory + "; give one another directory");
            }
            try {
                SegmentRecovery.recover(names);
            } catch (IOException e) {
                throw new ConfigException(where + "cannot look for half-written segments in " + directory + ": " + e, e);
            }
            plans.add(new Plan(mount, live, names, record));
        }
        return new Recordings(List.copyOf(plans));
    }

    /** {@code directory} resolved like {@code mediaDirectory}, made if missing, and writable. */
    private static Path writableDirectory(String where, Path baseDirectory, String directory) throws ConfigException {
        Path dir;
        try {
            dir = baseDirectory.resolve(directory).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(where + "directory is not a usable path: '" + directory + "'", e);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException(where + "cannot make directory " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException(where + "directory " + dir + " is not writable");
        }
        return dir;
    }

    /** Starts every recorder, each reading its source through the source's tap among {@code feeds}. */
    void start(Feeds feeds) {
        for (Plan p : plans) {
            Recorder recorder = new Recorder(p.mount().path(), feeds.tapFor(p.source()), p.names(),
                    p.config().segmentSeconds(), p.config().keepSegments());
            recorders.put(p.mount().path(), recorder);
            recorder.start();
        }
    }

    /** The recorder of a mount, for tests. */
    Optional<Recorder> recorder(String path) {
        return Optional.ofNullable(recorders.get(path));
    }

    /** Finishes every segment being written. */
    @Override
    public void close() {
        recorders.values().forEach(Recorder::close);
        recorders.clear();
    }
}
