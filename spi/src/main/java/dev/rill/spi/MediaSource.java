package dev.rill.spi;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The frames behind one mount, shared by every session that plays it. A source is one of two
 * kinds, with one contract between them:
 * <ul>
 *   <li>{@link StoredSource}: a file, frame by index or by time, every session at its own
 *       position;</li>
 *   <li>{@link LiveSource}: frames arrive (a camera, a publisher, the test card), and every
 *       session playing it gets the newest.</li>
 * </ul>
 * The server refuses a source that is neither. Plugin code never runs on the server's sender
 * threads: the server reads, normalises and packetises frames in a prefetch stage of its own,
 * so a slow source slows its own mount only. Implementations are thread-safe.
 */
public interface MediaSource extends AutoCloseable {

    /** The encoding name of the payload format that carries these frames, e.g. {@code "JPEG"}. */
    String encoding();

    /**
     * The rate the frames are meant to come at, for SDP's {@code a=framerate} and for players
     * that ask; empty when it varies or is not known. The server schedules by frame times, never
     * by this.
     */
    OptionalDouble nominalFrameRate();

    /** Picture width and height in pixels, if known without decoding. */
    default Optional<VideoSize> videoSize() {
        return Optional.empty();
    }

    /** A short name for logs: a file name or a source type. */
    String describe();

    /**
     * Frees what the source holds. The server calls it once, when nothing will use the source
     * again: at shutdown for a configured mount, when a media-directory file is let go.
     */
    @Override
    default void close() {
    }
}
