package dev.rill.plugin.stats;

import dev.rill.spi.LiveStatus;
import dev.rill.spi.MountInfo;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One configured mount as a snapshot saw it.
 *
 * @param mount           what the server reported
 * @param bitsInPerSecond the live source's input rate from its {@link LiveStatus#bytesIn()} over the
 *                        last second or more; empty for a stored mount, a source that does not report,
 *                        and until two reports a second apart have been seen
 */
record MountRow(MountInfo mount, OptionalDouble bitsInPerSecond) {

    MountRow {
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(bitsInPerSecond, "bitsInPerSecond");
    }
}
