package dev.rill.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A configured mount as session listeners see it, at one moment.
 *
 * @param path       the URL path, e.g. {@code /cams/door}
 * @param sourceType the config's source {@code "type"}, e.g. {@code "rtsp-pull"}
 * @param kind       stored or live
 * @param live       a live source's {@link LiveSource#status()}; empty for a stored source and for a live
 *                   one that does not report
 */
public record MountInfo(String path, String sourceType, Kind kind, Optional<LiveStatus> live) {

    /** The two kinds of source the server plays. */
    public enum Kind { STORED, LIVE }

    public MountInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(live, "live");
        if (kind == Kind.STORED && live.isPresent()) {
            throw new IllegalArgumentException(path + ": a stored mount has no live status");
        }
    }
}
