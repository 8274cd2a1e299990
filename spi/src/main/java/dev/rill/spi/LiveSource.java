package dev.rill.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A source whose frames arrive as they are made: a camera, a publisher, the test card. Every
 * session playing it gets the newest frame; a session that joins starts at the next one. The
 * server attaches one {@link FrameSink} while anybody plays the source and detaches it when the
 * last session leaves, so a source that costs something to run (a camera connection, a renderer)
 * can run only while watched.
 */
public interface LiveSource extends MediaSource {

    /**
     * Frames are wanted: hand each new frame to {@code sink}, from the source's own thread, until
     * {@link #stop}. Frame times must rise. Called again after a {@code stop} when sessions come
     * back.
     */
    void start(FrameSink sink);

    /** Nobody plays the source any more: stop handing frames to the sink given to {@link #start}. */
    void stop();

    /**
     * Where the source is with its input and what came in so far, for statistics; read from any
     * thread, often (each {@code /stats} and {@code /metrics} request), so it reads counters and
     * never blocks. Empty for a source that does not report.
     */
    default Optional<LiveStatus> status() {
        return Optional.empty();
    }

    /**
     * Asks the upstream whether it has this source's media, without starting the source; the
     * server calls it once, before the first viewer of a path-pattern mount ({@code "path": "/*"})
     * gets an answer, from the request's thread. Returns within about {@code timeout} (a probe that
     * takes longer answers {@link Availability.State#FAILED}); may be called before {@link #start}
     * and concurrently with it. The default, for sources with nothing to ask, says available.
     */
    default Availability probe(Duration timeout) {
        return Availability.available();
    }
}
