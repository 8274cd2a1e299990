package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * One fragment per frame holding the whole JPEG, marker bit clear (see {@link ClassicJpegFormat}).
 * Stateless, so thread-safe.
 */
final class ClassicPayloader implements Payloader {

    private static final Logger LOG = LoggerFactory.getLogger(ClassicPayloader.class);

    private final String sourceName;
    private final int maxPayloadBytes;

    /**
     * @param sourceName      the source, for logs
     * @param maxPayloadBytes frames larger than this are not sent
     */
    ClassicPayloader(String sourceName, int maxPayloadBytes) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be > 0: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The frame's bytes as one fragment (shared, not copied); empty when they do not fit one datagram. */
    @Override
    public List<PayloadFragment> payload(Frame frame) {
        if (frame.size() > maxPayloadBytes) {
            LOG.warn("{}: frame {} is {} bytes, more than the {} one classic datagram can carry; not sent",
                    sourceName, frame.index() + 1, frame.size(), maxPayloadBytes);
            return List.of();
        }
        return List.of(new PayloadFragment(frame.data(), false));
    }
}
